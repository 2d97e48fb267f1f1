using System.Diagnostics.Metrics;
using Covid.Server.Telemetry;

namespace Covid.Server.Datasets;

/// <summary>
/// What an operator watches of the data coming in: the bytes of every original a load took in
/// (upload, import, seed), by the way it came and whether it became a dataset version.
/// </summary>
public sealed class IngestMetrics
{
    public const string IngestedBytes = "covid.datasets.ingested_bytes";

    private readonly Counter<long> ingested;

    public IngestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(CovidDiagnostics.Name);
        ingested = meter.CreateCounter<long>(IngestedBytes, "By", "Bytes of originals taken in, by way in (covid.ingest.source) and outcome (loaded or refused)");
    }

    /// <summary>Counts one load's original; <paramref name="source"/> is its provenance ("upload:FILE", "import:URL", …), of which the way in is kept.</summary>
    public void Ingested(string source, long bytes, bool loaded)
    {
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        ingested.Add(bytes,
            new KeyValuePair<string, object?>("covid.ingest.source", colon > 0 ? source[..colon] : source),
            new KeyValuePair<string, object?>("covid.outcome", loaded ? "loaded" : "refused"));
    }
}
