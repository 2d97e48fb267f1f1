using System.Diagnostics;

namespace Covid.Server.Telemetry;

/// <summary>
/// The names the service's traces and metrics are published under (what a collector's filter or a
/// Prometheus query names), and the tags they carry. Rooms create their spans from <see cref="Traces"/>
/// and their instruments from a meter of this name; only this room knows where they are exported.
/// </summary>
public static class CovidDiagnostics
{
    public const string Name = "Covid.Server";

    public static readonly ActivitySource Traces = new(Name);

    public const string AnalysisIdTag = "covid.analysis.id";

    public const string DatasetTag = "covid.dataset";

    public const string EngineTag = "covid.engine";

    public const string StateTag = "covid.state";

    /// <summary>True on a submit answered with an earlier analysis of the identical spec.</summary>
    public const string CacheHitTag = "covid.cache.hit";
}
