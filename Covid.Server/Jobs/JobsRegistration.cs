using Covid.Server.Plots;
using Covid.Server.Progress;
using Covid.Server.Storage;
using Covid.SparkJob.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Covid.Server.Jobs;

/// <summary>Analyses as jobs: submit, queue, run on an engine, store, recover; their progress and plots.</summary>
public static class JobsRegistration
{
    public static IServiceCollection AddAnalysisJobs(this IServiceCollection services)
    {
        services.AddDataStorage();
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section)
            .Validate(o => o.MaxConcurrent >= 1, "Jobs:MaxConcurrent must be at least 1")
            .Validate(o => o.QueueLimit >= 1, "Jobs:QueueLimit must be at least 1")
            .Validate(o => o.ShutdownGracePeriod >= TimeSpan.Zero, "Jobs:ShutdownGracePeriod must not be negative")
            .Validate(o => o.RetainFinished > TimeSpan.Zero, "Jobs:RetainFinished must be positive")
            .ValidateOnStart();
        // The host must wait for the grace period, and a little for what follows it.
        services.AddOptions<HostOptions>().Configure<IOptions<JobOptions>>((host, jobs) =>
            host.ShutdownTimeout = TimeSpan.FromTicks(Math.Max(host.ShutdownTimeout.Ticks, (jobs.Value.ShutdownGracePeriod + TimeSpan.FromSeconds(10)).Ticks)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section)
            .Validate(o => EngineSelector.TryParse(o.Default, out _), "Engine:Default must be embedded or spark")
            .Validate(o => o.SparkThresholdBytes >= 0, "Engine:SparkThresholdBytes must not be negative")
            .ValidateOnStart();
        services.AddOptions<SpecLimitOptions>().BindConfiguration(SpecLimitOptions.Section)
            .Validate(o => o.MaxFilters >= 1 && o.MaxValuesPerFilter >= 1 && o.MaxMetrics >= 1 && o.MaxGroupBy >= 1,
                "Limits:MaxFilters, MaxValuesPerFilter, MaxMetrics and MaxGroupBy must be at least 1")
            .Validate(o => o.MaxResultRows is >= 1 and <= SpecValidator.MaxLimit, $"Limits:MaxResultRows must be 1 to {SpecValidator.MaxLimit}")
            .Validate(o => o.MaxPlotPixels >= 200 * 200, "Limits:MaxPlotPixels must be at least 40000 (200×200)")
            .ValidateOnStart();
        services.AddSingleton<SpecLimits>();
        services.AddSingleton<ProgressJournal>();
        services.AddSingleton<ProgressHub>();
        services.AddSingleton<PlotRenderer>();
        services.AddSingleton<FinishedLog>();
        services.AddSingleton<ActiveMarkers>();
        services.AddSingleton<AnalysisHistory>();
        services.AddSingleton<AnalysisStore>();
        services.AddSingleton<AnalysisMetrics>();
        services.AddSingleton<ResultCache>();
        services.AddSingleton<SpecCache>();
        services.AddSingleton<AnalysisPlots>();
        services.AddSingleton<AnalysisIndex>();
        services.AddSingleton<AnalysisQueue>();
        services.AddSingleton<AnalysisLifecycle>();
        services.AddSingleton<DatasetPins>();
        services.AddSingleton<AnalysisManager>();
        services.AddSingleton<AnalysisRunner>();
        services.AddSingleton<AnalysisRecovery>();
        services.AddSingleton<AnalysisExplainer>();
        services.AddSingleton<EngineSelector>();
        services.AddHostedService<AnalysisWorkers>();
        services.AddSingleton<AnalysisExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<AnalysisExpiry>());
        return services;
    }
}
