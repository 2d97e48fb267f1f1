using System.Diagnostics;
using System.Globalization;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Ingestion;
using DuckDB.NET.Data;

namespace Covid.Bench.Figures;

/// <summary>
/// Loading a dataset as a user does — UploadDataset through the real server process, from the
/// first byte sent to the answer — against DuckDB's own CSV→Parquet COPY of the same file (its
/// defaults: sniffed types, all cores), interleaved run by run. State-shaped files of the real
/// 9mfq-cb36 export's lines; also shows what the server keeps on disk per dataset, and what its
/// steps cost apart, each run in this process on the same file: the line check (with the original
/// compressed) and the DuckDB conversion alone, from a file (in the server it overlaps the upload),
/// and the CPU each side used: on two shared cores an upload's time is mostly its CPU, so this is
/// where a ratio comes from (the server's and the sending client's, against the COPY's).
/// </summary>
internal static class IngestSpeed
{
    public const string Usage = "ingest SERVER.dll REAL.csv [--rows 1000000,10000000] [--runs 3]";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, positional: 2);
        var (serverDll, real) = (Path.GetFullPath(options.Positional[0]), Path.GetFullPath(options.Positional[1]));
        var sizes = options.Ints("--rows", [1_000_000, 10_000_000]);
        var runs = options.Int("--runs", 3);
        var work = Directory.CreateTempSubdirectory("covid-bench-ingest-");
        try
        {
            await using var server = await ServerProcess.StartAsync(serverDll, "Limits:RequestsPerMinute=6000000", "Limits:RequestBurst=100000");
            using var channel = server.Channel();
            // Warm-up: the JIT, DuckDB's first load, the page cache of the real file.
            await Upload.FileAsync(channel, real, "warm-up", "cdc-cases-deaths-by-state");
            Copy(real, Path.Combine(work.FullName, "warm-up.parquet"));
            var warm = false;

            Console.WriteLine($"UploadDataset through the server process vs DuckDB's `COPY (FROM read_csv(file)) TO file.parquet` of the same file; {runs} interleaved runs each, medians");
            Console.WriteLine("| rows | CSV MB | ours s | DuckDB COPY s | ours / COPY | ours / COPY, median of each run's | CPU s: ours (server + client) | of it the client | COPY | then the original compressed, s after the answer (server CPU s) | of ours: check CPU s | check + zstd original CPU s | convert alone s | kept: original MB | kept: Parquet MB |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var rows in sizes)
            {
                var csv = StateFiles.Rows(real, rows, work.FullName);
                if (!warm)
                {
                    // One untimed round at the first size too: the hot loops of a server that has taken uploads are optimised
                    // (a 30k-row file leaves the tiered JIT compiling them during the first timed runs).
                    await Upload.FileAsync(channel, csv, "warm-up", "cdc-cases-deaths-by-state");
                    await CompressedAsync(server, "warm-up");
                    Copy(csv, Path.Combine(work.FullName, "warm-up.parquet"));
                    warm = true;
                }
                var (ours, copy, check, keep, convert) = (new Timing("ours"), new Timing("copy"), new Timing("check"), new Timing("keep"), new Timing("convert"));
                var (oursCpu, clientCpu, copyCpu) = (new Timing("ours CPU"), new Timing("client CPU"), new Timing("copy CPU"));
                var (compress, compressCpu) = (new Timing("compress"), new Timing("compress CPU"));
                // Each upload against the COPY right after it: the two share the machine's load of that moment.
                var paired = new Timing("ours / COPY, run by run");
                for (var i = 0; i < runs; i++)
                {
                    var (serverBefore, benchBefore) = (server.ProcessorTime, Cpu());
                    var sent = Stopwatch.StartNew();
                    await Upload.FileAsync(channel, csv, "bench-ingest", "cdc-cases-deaths-by-state");
                    var uploaded = sent.Elapsed.TotalMilliseconds;
                    ours.Add(uploaded);
                    var client = Cpu() - benchBefore;
                    var answered = server.ProcessorTime;
                    oursCpu.Add((answered - serverBefore + client).TotalMilliseconds);
                    clientCpu.Add(client.TotalMilliseconds);
                    // The original is compressed after the answer: waited for, so it never runs beside the COPY.
                    compress.Add(await CompressedAsync(server));
                    compressCpu.Add((server.ProcessorTime - answered).TotalMilliseconds);
                    var clock = Stopwatch.StartNew();
                    benchBefore = Cpu();
                    Copy(csv, Path.Combine(work.FullName, "baseline.parquet"));
                    copy.Add(clock.Elapsed.TotalMilliseconds);
                    paired.Add(uploaded / clock.Elapsed.TotalMilliseconds);
                    copyCpu.Add((Cpu() - benchBefore).TotalMilliseconds);
                    await Phases(csv, Path.Combine(work.FullName, "phases"), OriginalCompression.Discard, check, null);
                    await Phases(csv, Path.Combine(work.FullName, "phases"), OriginalCompression.Zstd, keep, convert);
                }
                // The newest version's directory (v1, v2, …) holds what a dataset keeps.
                var kept = Newest(server).GetFiles();
                var original = kept.Where(f => f.Name.StartsWith("original", StringComparison.Ordinal)).Sum(f => f.Length);
                var parquet = kept.Where(f => f.Extension == ".parquet").Sum(f => f.Length);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {rows:N0} | {new FileInfo(csv).Length / 1e6:F0} | {ours.Median / 1000:F2} | {copy.Median / 1000:F2} | {ours.Median / copy.Median:F2}x | {paired.Median:F2}x | {oursCpu.Median / 1000:F2} | {clientCpu.Median / 1000:F2} | {copyCpu.Median / 1000:F2} | {compress.Median / 1000:F2} ({compressCpu.Median / 1000:F2}) | {check.Median / 1000:F2} | {keep.Median / 1000:F2} | {convert.Median / 1000:F2} | {original / 1e6:F1} ({string.Join(", ", kept.Where(f => f.Name.StartsWith("original", StringComparison.Ordinal)).Select(f => f.Name))}) | {parquet / 1e6:F1} |"));
                File.Delete(csv);
            }
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The server's two steps on the file, timed apart: the intake (the check, the original kept as
    /// <paramref name="original"/>, the body written) in CPU time of its one thread, then the conversion in wall time.
    /// </summary>
    private static async Task Phases(string csv, string directory, OriginalCompression original, Timing check, Timing? convert)
    {
        var schema = SchemaCatalog.BuiltIn.Get("cdc-cases-deaths-by-state");
        Directory.CreateDirectory(directory);
        try
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            CsvStatistics statistics;
            using var intake = CsvIntake.Create(directory, schema, CsvLimits.Default, original);
            await using (var file = new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            {
                var buffer = new byte[64 * 1024];
                int read;
                while ((read = await file.ReadAsync(buffer)) > 0)
                {
                    intake.Write(buffer.AsSpan(0, read));
                }
                statistics = intake.Complete();
            }
            check.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
            if (convert is null)
            {
                return;
            }
            var clock = Stopwatch.StartNew();
            await DatasetIngestor.IngestAsync("phases", schema, intake, statistics, Path.Combine(directory, "data.parquet"), "bench", true, CancellationToken.None);
            convert.Add(clock.Elapsed.TotalMilliseconds);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Seconds from the answer until the newest version's plain original.csv has given way to the
    /// compressed one (0 when the server keeps originals plain or not at all: Data__OriginalCompression None or Discard).
    /// </summary>
    private static async Task<double> CompressedAsync(ServerProcess server, string dataset = "bench-ingest")
    {
        if (Environment.GetEnvironmentVariable("Data__OriginalCompression") is { } kept
            && (kept.Equals("None", StringComparison.OrdinalIgnoreCase) || kept.Equals("Discard", StringComparison.OrdinalIgnoreCase)))
        {
            return 0;
        }
        var clock = Stopwatch.StartNew();
        var version = Newest(server, dataset);
        while (File.Exists(Path.Combine(version.FullName, "original.csv")))
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"the original in {version.FullName} was not compressed within 10 minutes");
            }
            await Task.Delay(20);
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    private static DirectoryInfo Newest(ServerProcess server, string dataset = "bench-ingest") =>
        new DirectoryInfo(Path.Combine(server.DataDirectory, "datasets", dataset)).GetDirectories("v*")
            .OrderByDescending(d => int.TryParse(d.Name[1..], out var n) ? n : 0).First();

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>DuckDB's own conversion, as a notebook user would write it.</summary>
    private static void Copy(string csv, string parquet)
    {
        using (var connection = new DuckDBConnection("DataSource=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (FROM read_csv('{csv.Replace("'", "''", StringComparison.Ordinal)}')) TO '{parquet.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }
        File.Delete(parquet);
    }
}
