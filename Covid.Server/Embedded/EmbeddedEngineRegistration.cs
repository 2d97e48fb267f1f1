using Covid.SparkJob.Engine;
using Engine = Covid.V1.AnalysisSpec.Types.Engine;

namespace Covid.Server.Embedded;

/// <summary>The in-process DuckDB engine, offered as <c>EMBEDDED</c>.</summary>
public static class EmbeddedEngineRegistration
{
    public static IServiceCollection AddEmbeddedEngine(this IServiceCollection services)
    {
        // Engines are keyed by the spec's engine value; EngineSelector finds them that way.
        services.AddKeyedSingleton<IAnalysisEngine>(Engine.Embedded, (_, _) => new EmbeddedEngine(new EmbeddedEngineOptions()));
        return services;
    }
}
