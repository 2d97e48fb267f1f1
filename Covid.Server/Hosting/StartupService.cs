using Covid.Server.Datasets;
using Covid.Server.Jobs;
using Covid.SparkJob.Catalog;

namespace Covid.Server.Hosting;

/// <summary>
/// Brings the durable state back before the server takes calls: datasets (seeding the built-in one
/// if missing), then the unfinished analyses (re-queued). Runs before the workers start. The
/// finished history loads right after, in the background (see <see cref="AnalysisHistory"/>), so
/// the time to ready does not grow with the number of stored analyses; the load starts once the
/// server is serving.
/// </summary>
public sealed class StartupService(
    SchemaCatalog catalog,
    DatasetRegistry datasets,
    DatasetSeeder seeder,
    InPlaceRegistration inPlace,
    AnalysisRecovery recovery,
    ServerReadiness readiness,
    IHostApplicationLifetime lifetime,
    ILogger<StartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Schemas: {Names}", string.Join(", ", catalog.Names));
        datasets.Load();
        inPlace.RegisterAll();
        await seeder.SeedAsync(cancellationToken);
        recovery.RecoverActive();
        readiness.MarkReady();
        // Once the host serves (Kestrel starts after the hosted services): the load's reading does not slow the start.
        lifetime.ApplicationStarted.Register(() => recovery.StartLoadingHistory(lifetime.ApplicationStopping));
        logger.LogInformation("Ready: {Count} datasets ({Names})", datasets.All().Count, string.Join(", ", datasets.Names));
    }

    /// <summary>Stopped last (registered first): a history load still running ends before the host does, so a restart never overlaps it.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await recovery.HistoryLoad.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
