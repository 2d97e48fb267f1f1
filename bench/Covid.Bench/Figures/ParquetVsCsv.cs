using System.Diagnostics;
using System.Globalization;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Engine;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Planning;
using Covid.V1;
using Google.Protobuf;

namespace Covid.Bench.Figures;

/// <summary>
/// Parquet-at-upload against the baseline of reading the CSV on every analysis: the same plan on
/// the same embedded engine, interleaved run by run in one process so machine noise hits both.
/// </summary>
internal static class ParquetVsCsv
{
    public const string Usage = "parquet CSV SCHEMA SPEC.json [ITERATIONS]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: Covid.Bench " + Usage);
            return 2;
        }
        var (csv, schemaName, specPath) = (Path.GetFullPath(args[0]), args[1], args[2]);
        var iterations = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 7;
        var schema = SchemaCatalog.BuiltIn.Find(schemaName) ?? throw new ArgumentException($"unknown schema {schemaName}");
        var spec = JsonParser.Default.Parse<AnalysisSpec>(File.ReadAllText(specPath));

        var work = Directory.CreateTempSubdirectory("covid-bench-");
        try
        {
            var ingest = Stopwatch.StartNew();
            var parquet = await DatasetIngestor.IngestAsync(spec.Dataset, schema, csv, Path.Combine(work.FullName, "data.parquet"),
                "file:" + csv, synthetic: false, CancellationToken.None);
            var ingestMs = ingest.Elapsed.TotalMilliseconds;
            var inPlace = parquet with { ParquetPath = "", Storage = DatasetStorage.CsvInPlace };

            using var engine = new EmbeddedEngine();
            var contenders = new[] { (Timing: new Timing("parquet (converted at upload)"), Dataset: parquet), (Timing: new Timing("csv read per analysis"), Dataset: inPlace) };
            var rows = new Dictionary<string, int>();
            var silent = new Progress<EngineProgress>(_ => { });
            var job = new AnalysisJob("bench", () => true);
            // One warm-up each (JIT, DuckDB extension load, page cache), then interleaved measured runs.
            for (var i = -1; i < iterations; i++)
            {
                foreach (var (timing, dataset) in contenders)
                {
                    var plan = AnalysisPlanner.Plan(spec, new SingleDataset(dataset));
                    if (i < 0)
                    {
                        rows[timing.Name] = (await engine.RunAsync(job, plan, silent, CancellationToken.None)).Rows.Count;
                        continue;
                    }
                    await timing.MeasureAsync(() => engine.RunAsync(job, plan, silent, CancellationToken.None));
                }
            }

            if (rows.Values.Distinct().Count() != 1)
            {
                Console.Error.WriteLine("the two storages gave different row counts: " + string.Join(", ", rows));
                return 1;
            }
            var (fast, slow) = (contenders[0].Timing, contenders[1].Timing);
            var saved = slow.Median - fast.Median;
            Console.WriteLine($"dataset: {Path.GetFileName(csv)} ({parquet.RowCount:N0} rows, {parquet.SizeBytes:N0} bytes CSV, {new FileInfo(parquet.ParquetPath).Length:N0} bytes Parquet)");
            Console.WriteLine($"spec: {Path.GetFileName(specPath)} → {rows.Values.First()} result rows; {iterations} interleaved runs each, medians");
            Console.WriteLine($"| storage | median ms | vs parquet |");
            Console.WriteLine($"|---|---:|---:|");
            foreach (var (timing, _) in contenders)
            {
                Console.WriteLine($"| {timing.Name} | {timing.Median:F1} | {timing.Median / fast.Median:F2}x |");
            }
            Console.WriteLine($"one-time ingestion (validate every line + write Parquet): {ingestMs:F0} ms = {ingestMs / slow.Median:F1} CSV-read analyses");
            Console.WriteLine(saved > 0
                ? $"break-even: the conversion pays for itself after {Math.Ceiling(ingestMs / saved):F0} analyses"
                : "no saving per analysis on this dataset");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
