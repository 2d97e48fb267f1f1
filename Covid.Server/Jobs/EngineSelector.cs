using Covid.SparkJob.Datasets;
using Covid.SparkJob.Engine;
using Covid.SparkJob.Errors;
using Covid.V1;
using Microsoft.Extensions.Options;
using Engine = Covid.V1.AnalysisSpec.Types.Engine;

namespace Covid.Server.Jobs;

/// <summary>
/// Picks the engine an analysis runs on. Engines are keyed services (key: the spec's engine
/// value), so a server only offers what is registered; Spark joins with the Kubernetes launcher.
/// AUTO means <c>Engine:Default</c>, except that a dataset whose Parquet is larger than
/// <c>Engine:SparkThresholdBytes</c> goes to Spark when Spark is configured.
/// </summary>
public sealed class EngineSelector(IServiceProvider services, IOptions<EngineOptions> options)
{
    /// <summary>The concrete engine for a requested one (AUTO/unspecified → <see cref="AutoFor"/>).</summary>
    public Engine Resolve(Engine requested, DatasetInfo? dataset = null)
    {
        var engine = requested is Engine.Unspecified or Engine.Auto ? AutoFor(dataset) : requested;
        Get(engine);
        return engine;
    }

    /// <summary>What AUTO means on this server for datasets of any size.</summary>
    public Engine DefaultEngine => ParseDefault(options.Value.Default);

    /// <summary>What AUTO means for this dataset: Spark above the size threshold when Spark is registered.</summary>
    public Engine AutoFor(DatasetInfo? dataset)
    {
        var engine = DefaultEngine;
        if (engine != Engine.Spark && dataset is not null && ParquetBytes(dataset) > options.Value.SparkThresholdBytes
            && services.GetKeyedService<IAnalysisEngine>(Engine.Spark) is not null)
        {
            return Engine.Spark;
        }
        return engine;
    }

    private static long ParquetBytes(DatasetInfo dataset) =>
        File.Exists(dataset.ParquetPath) ? new FileInfo(dataset.ParquetPath).Length : dataset.SizeBytes;

    public IAnalysisEngine Get(Engine engine)
    {
        var found = services.GetKeyedService<IAnalysisEngine>(engine);
        if (found is null)
        {
            var hint = engine == Engine.Spark ? "; Spark runs on Kubernetes when the server is started with Kubernetes:Enabled=true" : "";
            throw ServiceException.FailedPrecondition($"engine {ToConfig(engine).ToUpperInvariant()} is not configured on this server{hint}");
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
