using System.Diagnostics;
using System.Globalization;

namespace Covid.Bench.Figures;

/// <summary>
/// The server process' peak resident memory (VmHWM of /proc/PID/status) while it takes one large
/// upload (2 GB of state-shaped rows by default), against its peak before the upload.
/// </summary>
internal static class IngestMemory
{
    public const string Usage = "ingest-rss SERVER.dll REAL.csv [--bytes 2000000000]";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, positional: 2);
        var (serverDll, real) = (Path.GetFullPath(options.Positional[0]), Path.GetFullPath(options.Positional[1]));
        var bytes = (long)options.Double("--bytes", 2e9);
        var work = Directory.CreateTempSubdirectory("covid-bench-rss-");
        try
        {
            var csv = StateFiles.Bytes(real, bytes, work.FullName);
            await using var server = await ServerProcess.StartAsync(serverDll, "Data:MaxUploadBytes=" + (bytes + (1L << 30)));
            using var channel = server.Channel();
            var before = server.PeakResidentBytes;
            var clock = Stopwatch.StartNew();
            var dataset = await Upload.FileAsync(channel, csv, "bench-rss", "cdc-cases-deaths-by-state");
            var seconds = clock.Elapsed.TotalSeconds;
            var peak = server.PeakResidentBytes;
            Console.WriteLine("| upload | rows | s | server peak RSS before | server peak RSS after (VmHWM) | RSS after |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {new FileInfo(csv).Length / 1e9:F2} GB | {dataset.RowCount:N0} | {seconds:F1} | {before / 1e6:F0} MB | {peak / 1e6:F0} MB | {server.ResidentBytes / 1e6:F0} MB |"));
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
