using Covid.Server.Datasets;
using Covid.Server.Jobs;
using Covid.SparkJob.Catalog;

namespace Covid.Server.Hosting;

/// <summary>
/// Brings the durable state back before the server takes calls: datasets (seeding the built-in one
/// if missing), then analyses (re-queuing the unfinished). Runs before the workers start.
/// </summary>
public sealed class StartupService(
    SchemaCatalog catalog,
    DatasetRegistry datasets,
    DatasetSeeder seeder,
    InPlaceRegistration inPlace,
    AnalysisRecovery recovery,
    ServerReadiness readiness,
    ILogger<StartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Schemas: {Names}", string.Join(", ", catalog.Names));
        datasets.Load();
        inPlace.RegisterAll();
        await seeder.SeedAsync(cancellationToken);
        recovery.Recover();
        readiness.MarkReady();
        logger.LogInformation("Ready: {Count} datasets ({Names})", datasets.All().Count, string.Join(", ", datasets.Names));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
