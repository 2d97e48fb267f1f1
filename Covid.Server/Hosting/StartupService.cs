using Covid.Server.Datasets;
using Covid.Server.Jobs;

namespace Covid.Server.Hosting;

/// <summary>
/// Brings the durable state back before the server takes calls: datasets (seeding the built-in one
/// if missing), then analyses (re-queuing the unfinished). Runs before the workers start.
/// </summary>
public sealed class StartupService(
    DatasetRegistry datasets,
    DatasetSeeder seeder,
    InPlaceRegistration inPlace,
    AnalysisRecovery recovery,
    ServerReadiness readiness,
    ILogger<StartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        datasets.Load();
        inPlace.RegisterAll();
        await seeder.SeedAsync(cancellationToken);
        recovery.Recover();
        readiness.MarkReady();
        logger.LogInformation("Ready: {Count} datasets ({Names})", datasets.All().Count, string.Join(", ", datasets.Names));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
