using Covid.Server.Datasets;
using Covid.Server.Embedded;
using Covid.Server.Grpc;
using Covid.Server.Jobs;
using Covid.Server.Spark;
using Covid.Server.Telemetry;

namespace Covid.Server.Hosting;

/// <summary>The whole service, as a table of contents; each room registers itself beside its code.</summary>
public static class CovidAnalysisExtensions
{
    public static WebApplicationBuilder AddCovidAnalysis(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Hosted services start in registration order: durable state is recovered before the
        // analysis workers (registered with the jobs) take anything.
        services.AddHostedService<StartupService>();
        services.AddSingleton<ServerReadiness>();
        services.AddGrpcHealthChecks().AddCheck<ReadinessHealthCheck>("ready");

        builder.AddCovidTelemetry();
        services.AddCovidGrpc(builder.Configuration);
        services.AddDatasets();
        services.AddAnalysisJobs();
        services.AddEmbeddedEngine();
        services.AddSparkOnKubernetes(builder.Configuration);
        return builder;
    }

    public static WebApplication MapCovidAnalysis(this WebApplication app)
    {
        app.MapCovidGrpc();
        app.MapGrpcHealthChecksService();
        return app;
    }
}
