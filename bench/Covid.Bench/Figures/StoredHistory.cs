using System.Diagnostics;
using Covid.Server.Jobs;
using Covid.Tests.Support;
using Covid.V1;
using Google.Protobuf;

namespace Covid.Bench.Figures;

/// <summary>
/// Start-up and ListAnalyses with a long history: a data directory holding 50 finished analyses
/// against the same directory with 10,000 (copies of one real analysis, as the
/// server writes them: folder, analysis.json, result, events, a line in finished.jsonl). Each
/// start is timed twice from building the host: until it is ready (serving, and grpc.health
/// answering SERVING), and until a first ListAnalyses is answered (which waits for the finished
/// history the server loads in the background after it is ready); also with finished.jsonl
/// missing, when every folder is read (as before the log, or after losing it).
/// </summary>
internal static class StoredHistory
{
    public const string Usage = "history SEED.csv SPEC.json [--analyses 10000] [--rounds 7] [--calls 200] [--keep]";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, positional: 2);
        var (seed, spec) = (Path.GetFullPath(options.Positional[0]), JsonParser.Default.Parse<AnalysisSpec>(File.ReadAllText(options.Positional[1])));
        var (count, rounds, calls) = (options.Int("--analyses", 10_000), options.Int("--rounds", 7), options.Int("--calls", 200));
        var one = Directory.CreateTempSubdirectory("covid-bench-history-one-").FullName;
        var many = Directory.CreateTempSubdirectory("covid-bench-history-many-").FullName;
        try
        {
            Analysis template;
            await using (var server = await BenchServer.StartInAsync(one, seed, "Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning"))
            {
                template = await RunOneAsync(server, spec);
            }
            StoredCopies.Write(Path.Combine(one, "analyses"), template, 49);
            CopyDirectory(one, many);
            StoredCopies.Write(Path.Combine(many, "analyses"), template, count - 50, skip: 49);
            var log = Path.Combine(many, "analyses", FinishedLog.FileName);
            var logText = File.ReadAllText(log);

            var (one1, many1, unlogged1) = (new Start(), new Start(), new Start());
            for (var round = 0; round < rounds; round++)
            {
                await StartStopAsync(one, seed, one1);
                await StartStopAsync(many, seed, many1);
                File.Delete(log);
                await StartStopAsync(many, seed, unlogged1);
                File.WriteAllText(log, logText);
            }
            var (firstOne, deepOne) = await ListAsync(one, seed, calls);
            var (firstMany, deepMany) = await ListAsync(many, seed, calls);

            Console.WriteLine($"| median ms | 50 stored analyses | {count:N0} stored | ratio |");
            Console.WriteLine("|---|---:|---:|---:|");
            Row("server ready (host built → serving, health SERVING)", one1.Ready, many1.Ready);
            Row("first ListAnalyses answered after start (the history loaded)", one1.Listed, many1.Listed);
            Row("server ready, finished.jsonl missing (every folder read after ready)", one1.Ready, unlogged1.Ready);
            Row("first ListAnalyses answered, finished.jsonl missing", one1.Listed, unlogged1.Listed);
            Row("ListAnalyses, first page of 50", firstOne, firstMany);
            Row("ListAnalyses, page 101 of 50 (page_token; with 50 stored: the only page)", deepOne, deepMany);
            return 0;
        }
        finally
        {
            if (options.Flag("--keep"))
            {
                Console.Error.WriteLine($"kept {one} and {many}");
            }
            else
            {
                Directory.Delete(one, recursive: true);
                Directory.Delete(many, recursive: true);
            }
        }
    }

    private static void Row(string what, Timing baseline, Timing ours) =>
        Console.WriteLine($"| {what} | {baseline.Median:0.0} | {ours.Median:0.0} | {ours.Median / baseline.Median:0.00}× |");

    private static async Task<Analysis> RunOneAsync(BenchServer server, AnalysisSpec spec)
    {
        using var channel = server.Channel();
        var client = new AnalysisService.AnalysisServiceClient(channel);
        var analysis = await client.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec });
        var until = Stopwatch.StartNew();
        while (analysis.State is Analysis.Types.State.Queued or Analysis.Types.State.Running && until.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(50);
            analysis = await client.GetAnalysisAsync(new GetAnalysisRequest { Name = analysis.Name });
        }
        return analysis.State == Analysis.Types.State.Succeeded ? analysis : throw new InvalidOperationException($"the template analysis ended {analysis.State}");
    }

    private sealed class Start
    {
        public Timing Ready { get; } = new("ready");

        public Timing Listed { get; } = new("listed");
    }

    /// <summary>One start, timed until ready and until its first ListAnalyses answer, then stopped.</summary>
    private static async Task StartStopAsync(string directory, string seed, Start start)
    {
        var clock = Stopwatch.StartNew();
        await using var server = await BenchServer.StartInAsync(directory, seed, "Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning");
        using var channel = server.Channel();
        var health = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        start.Ready.Add(health.Status == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving
            ? clock.Elapsed.TotalMilliseconds
            : throw new InvalidOperationException($"health answered {health.Status} after the start"));
        await new AnalysisService.AnalysisServiceClient(channel).ListAnalysesAsync(new ListAnalysesRequest { PageSize = 50 });
        start.Listed.Add(clock.Elapsed.TotalMilliseconds);
    }

    private static async Task<(Timing First, Timing Deep)> ListAsync(string directory, string seed, int calls)
    {
        await using var server = await BenchServer.StartInAsync(directory, seed, "Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning");
        using var channel = server.Channel();
        var client = new AnalysisService.AnalysisServiceClient(channel);
        var token = "";
        for (var page = 0; page < 100; page++)
        {
            var next = (await client.ListAnalysesAsync(new ListAnalysesRequest { PageSize = 50, PageToken = token })).NextPageToken;
            token = next.Length > 0 ? next : token;
        }
        var (first, deep) = (new Timing("first"), new Timing("deep"));
        for (var i = 0; i < calls; i++)
        {
            await first.MeasureAsync(() => client.ListAnalysesAsync(new ListAnalysesRequest { PageSize = 50 }).ResponseAsync);
            await deep.MeasureAsync(() => client.ListAnalysesAsync(new ListAnalysesRequest { PageSize = 50, PageToken = token }).ResponseAsync);
        }
        return (first, deep);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
