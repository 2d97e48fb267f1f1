using Covid.Bench.Figures;

// Benchmarks, one figure per verb; bench/run.sh runs them and collects the tables. Every figure
// reports ours against a baseline measured in the same process, as a ratio: these machines are
// shared and noisy, so absolute times mean little.
var figures = new Dictionary<string, (string Usage, Func<string[], Task<int>> Run)>(StringComparer.Ordinal)
{
    ["parquet"] = (ParquetVsCsv.Usage, ParquetVsCsv.RunAsync),
    ["small"] = (SmallAnalyses.Usage, SmallAnalyses.RunAsync),
    ["chart"] = (ChartDrawing.Usage, ChartDrawing.RunAsync),
    ["plot-path"] = (PlotPath.Usage, PlotPath.RunAsync),
    ["huge-spec"] = (HugeSpec.Usage, HugeSpec.RunAsync),
    ["spark-launch"] = (SparkLaunch.Usage, SparkLaunch.RunAsync),
    ["history"] = (StoredHistory.Usage, StoredHistory.RunAsync),
    ["ingest"] = (IngestSpeed.Usage, IngestSpeed.RunAsync),
    ["ingest-rss"] = (IngestMemory.Usage, IngestMemory.RunAsync),
};
if (args.Length == 0 || !figures.TryGetValue(args[0], out var figure))
{
    Console.Error.WriteLine("usage: Covid.Bench FIGURE ARGS…; figures:");
    foreach (var (_, (usage, _)) in figures)
    {
        Console.Error.WriteLine("  " + usage);
    }
    return 2;
}
return await figure.Run(args[1..]);
