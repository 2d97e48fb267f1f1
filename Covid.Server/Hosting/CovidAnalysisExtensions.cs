using Covid.Server.Datasets;
using Covid.Server.Grpc;
using Covid.Server.Jobs;
using Covid.Server.Kubernetes;
using Covid.Server.Plots;
using Covid.Server.Progress;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Engine;
using Covid.V1;

namespace Covid.Server.Hosting;

/// <summary>Registration of the whole analysis service; Program.cs only calls these.</summary>
public static class CovidAnalysisExtensions
{
    public static WebApplicationBuilder AddCovidAnalysis(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Directory), "Data:Directory is required")
            .Validate(o => o.MaxUploadBytes > 0, "Data:MaxUploadBytes must be positive")
            .ValidateOnStart();
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section)
            .Validate(o => o.MaxConcurrent >= 1, "Jobs:MaxConcurrent must be at least 1")
            .Validate(o => o.QueueLimit >= 1, "Jobs:QueueLimit must be at least 1")
            .ValidateOnStart();
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section)
            .Validate(o => EngineSelector.TryParse(o.Default, out _), "Engine:Default must be embedded or spark")
            .Validate(o => o.SparkThresholdBytes >= 0, "Engine:SparkThresholdBytes must not be negative")
            .ValidateOnStart();

        services.AddGrpc(o => o.Interceptors.Add<ErrorMappingInterceptor>());
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<ReadinessHealthCheck>("ready");

        services.AddSingleton<ServerReadiness>();
        services.AddSingleton<DatasetLayout>();
        services.AddSingleton<DatasetRegistry>();
        services.AddSingleton<IDatasetLookup>(sp => sp.GetRequiredService<DatasetRegistry>());
        services.AddSingleton<DatasetStaging>();
        services.AddSingleton<DatasetUploader>();
        services.AddSingleton<DatasetImporter>();
        services.AddSingleton<InPlaceRegistration>();
        services.AddSingleton<DatasetSeeder>();

        services.AddSingleton<AnalysisStore>();
        services.AddSingleton<ProgressHub>();
        services.AddSingleton<AnalysisIndex>();
        services.AddSingleton<AnalysisQueue>();
        services.AddSingleton<AnalysisLifecycle>();
        services.AddSingleton<AnalysisManager>();
        services.AddSingleton<AnalysisRunner>();
        services.AddSingleton<AnalysisRecovery>();
        services.AddSingleton<AnalysisExplainer>();
        services.AddSingleton<EngineSelector>();
        services.AddSingleton<PlotRenderer>();
        // Engines are keyed by the spec's engine value; Spark registers here with the Kubernetes launcher.
        services.AddKeyedSingleton<IAnalysisEngine>(AnalysisSpec.Types.Engine.Embedded, (_, _) => new EmbeddedEngine(new EmbeddedEngineOptions()));
        services.AddSparkOnKubernetes(builder.Configuration);

        // Order matters: state is recovered before the workers start taking analyses.
        services.AddHostedService<StartupService>();
        services.AddHostedService<AnalysisWorkers>();
        return builder;
    }

    public static WebApplication MapCovidAnalysis(this WebApplication app)
    {
        app.MapGrpcService<AnalysisGrpcService>();
        app.MapGrpcService<DatasetGrpcService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }
}
