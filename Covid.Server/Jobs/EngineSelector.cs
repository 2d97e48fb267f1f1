using Covid.Server.Grpc;
using Covid.Server.Hosting;
using Covid.SparkJob.Engine;
using Covid.V1;
using Microsoft.Extensions.Options;
using Engine = Covid.V1.AnalysisSpec.Types.Engine;

namespace Covid.Server.Jobs;

/// <summary>
/// Picks the engine an analysis runs on. Engines are keyed services (key: the spec's engine
/// value), so a server only offers what is registered; Spark joins with the Kubernetes launcher.
/// </summary>
public sealed class EngineSelector(IServiceProvider services, IOptions<EngineOptions> options)
{
    /// <summary>The concrete engine for a requested one (AUTO/unspecified → <c>Engine:Default</c>).</summary>
    public Engine Resolve(Engine requested)
    {
        var engine = requested is Engine.Unspecified or Engine.Auto ? DefaultEngine : requested;
        Get(engine);
        return engine;
    }

    /// <summary>What AUTO means on this server.</summary>
    public Engine DefaultEngine => ParseDefault(options.Value.Default);

    public IAnalysisEngine Get(Engine engine)
    {
        var found = services.GetKeyedService<IAnalysisEngine>(engine);
        if (found is null)
        {
            var hint = engine == Engine.Spark ? "; Spark on Kubernetes arrives with the Kubernetes launcher" : "";
            RpcErrors.ThrowFailedPrecondition($"engine {ToConfig(engine).ToUpperInvariant()} is not configured on this server{hint}");
        }
        return found;
    }

    public static bool TryParse(string value, out Engine engine)
    {
        engine = value.Trim().ToLowerInvariant() switch
        {
            "embedded" => Engine.Embedded,
            "spark" => Engine.Spark,
            _ => Engine.Unspecified,
        };
        return engine != Engine.Unspecified;
    }

    private static Engine ParseDefault(string value) =>
        TryParse(value, out var engine) ? engine : throw new InvalidOperationException($"Engine:Default \"{value}\" is not embedded or spark");

    private static string ToConfig(Engine engine) => engine.ToString().ToLowerInvariant();
}
