using System.Diagnostics;
using System.Globalization;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;
using Covid.V1;
using DuckDB.NET.Data;
using Google.Protobuf;
using Grpc.Core;

namespace Covid.Bench.Figures;

/// <summary>
/// Small analyses end to end through the real gRPC server — submit, follow progress to the end,
/// fetch the result — against the same SQL run in a warm DuckDB loop, at the same
/// number of concurrent clients. Every analysis is a distinct spec (the weekly example over a
/// different date range and states), so nothing is answered from a cache — unless
/// <c>--identical</c>: then every submit is the same spec, answered (after the warm-up's first
/// run) with the analysis that already ran it.
/// </summary>
internal static class SmallAnalyses
{
    public const string Usage = "small SEED.csv SPEC.json [--seconds S] [--warmup S] [--clients 1,16] [--max-concurrent N] [--plot] [--identical] [--spans] [--server Covid.Server.dll]";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, positional: 2);
        var (seed, specPath) = (Path.GetFullPath(options.Positional[0]), options.Positional[1]);
        var seconds = options.Double("--seconds", 8);
        // The server's code is first compiled quickly, then again optimised in the background,
        // which on two busy cores takes tens of seconds: a server that has been up a while is
        // measured, and the baseline is not measured while that compiler competes for the cores.
        var warmup = options.Double("--warmup", 15);
        var clients = options.Ints("--clients", [1, 16]);
        var plot = options.Flag("--plot");
        var identical = options.Flag("--identical");
        var maxConcurrent = options.Int("--max-concurrent", 8); // the server's default
        var serverDll = options.String("--server");
        if (serverDll is not null && options.Flag("--spans"))
        {
            throw new ArgumentException("--spans reads the spans of a server hosted in the bench process: leave out --server");
        }
        using var spans = options.Flag("--spans") ? new SpanTimes() : null;
        var template = JsonParser.Default.Parse<AnalysisSpec>(File.ReadAllText(specPath));
        if (!plot)
        {
            template.Plot = null;
        }

        await using var server = await AnalysisServer.StartAsync(serverDll, seed, $"Jobs:MaxConcurrent={maxConcurrent}", "Jobs:QueueLimit=100000");
        var client = new AnalysisService.AnalysisServiceClient(server.Channel);
        var specs = Enumerable.Range(0, identical ? 1 : 54_000).Select(i => Variant(template, i)).ToList();
        var plans = specs.Take(2_000).Select(s => AnalysisPlanner.Plan(s, server.Datasets)).ToList();
        var queries = plans.Select(p => DuckDbDialect.Build(p)).ToList();
        // The server reads a small version from a copy of it in memory (TableCache): the same SQL
        // over the same copy in a warm DuckDB is shown too, for what DuckDB itself does with one.
        var tableQueries = plans.Select(p => DuckDbDialect.Build(p, _ => "version_copy")).ToList();
        using var duckDb = new DuckDBConnection("DataSource=:memory:");
        duckDb.Open();
        // The server parses each Parquet footer once (EmbeddedEngine: dataset files never change);
        // DuckDB's defaults parse it for every query. Both baselines are shown.
        using var cachedDuckDb = new DuckDBConnection("DataSource=:memory:");
        cachedDuckDb.Open();
        using (var set = cachedDuckDb.CreateCommand())
        {
            set.CommandText = "SET GLOBAL parquet_metadata_cache = true";
            set.ExecuteNonQuery();
        }

        using var tableDuckDb = new DuckDBConnection("DataSource=:memory:");
        tableDuckDb.Open();
        using (var copy = tableDuckDb.CreateCommand())
        {
            copy.CommandText = $"CREATE TABLE version_copy AS FROM read_parquet({DuckDbDialect.StringLiteral(plans[0].Dataset.ParquetPath)})";
            copy.ExecuteNonQuery();
        }

        Console.WriteLine($"{server.Where}; spec: {Path.GetFileName(specPath)} {(identical ? "submitted again and again" : "variants")}{(plot ? " with their plot" : ", no plot")}; Jobs:MaxConcurrent={maxConcurrent}; {seconds:0.#} s per side in {Rounds} interleaved turns, the server warmed up {warmup:0.#} s first");
        // With --plot, the server side's specs carry a plot (the chart is drawn by the first GetPlot,
        // which that side does not send); the same specs without their plot are run too, and a side
        // that also fetches every chart (each is drawn, once, for that GetPlot).
        Console.WriteLine("| clients | server p50 ms | server p99 ms | server /s | warm DuckDB p50 ms | warm DuckDB /s | server / DuckDB throughput | the same, median of each round's | CPU ms per analysis / per query | DuckDB with Parquet metadata cached /s | server / that | DuckDB on the version copied into a table /s | server / that |"
            + (plot ? " same without plot /s | with / without plot | CPU ms per analysis without plot | every chart fetched /s | fetched / without plot | CPU ms per analysis fetched |" : ""));
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + (plot ? "---:|---:|---:|---:|---:|---:|" : ""));
        var (next, submitted) = (0, 0);
        await Drive(clients.Max(), TimeSpan.FromSeconds(warmup), _ => Analyse(client, specs[Interlocked.Increment(ref submitted) % specs.Count], plot, identical), new Latencies());
        foreach (var count in clients)
        {
            spans?.Clear();
            // Interleaved in short rounds, so a change in the machine's load falls on every side alike.
            var sides = new List<Func<int, Task>>
            {
                _ => Task.Run(() => Execute(duckDb, queries[Interlocked.Increment(ref next) % queries.Count])),
                _ => Analyse(client, specs[Interlocked.Increment(ref submitted) % specs.Count], false, identical),
                _ => Task.Run(() => Execute(cachedDuckDb, queries[Interlocked.Increment(ref next) % queries.Count])),
                _ => Task.Run(() => Execute(tableDuckDb, tableQueries[Interlocked.Increment(ref next) % tableQueries.Count])),
            };
            if (plot)
            {
                sides.Add(_ => Analyse(client, WithoutPlot(specs[Interlocked.Increment(ref submitted) % specs.Count]), false, identical));
                sides.Add(_ => Analyse(client, specs[Interlocked.Increment(ref submitted) % specs.Count], true, identical));
            }
            var loads = await Interleaved(count, seconds, sides, () => server.ProcessorTime);
            var (baseline, ours, cached, table) = (loads[0], loads[1], loads[2], loads[3]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {count} | {ours.P50:F1} | {ours.P99:F1} | {ours.PerSecond:F1} | {baseline.P50:F2} | {baseline.PerSecond:F1} | {ours.PerSecond / baseline.PerSecond:F2}x | {PairedRatio(ours.Turns, baseline.Turns):F2}x | {ours.CpuMs:F1} / {baseline.CpuMs:F1} | {cached.PerSecond:F1} | {ours.PerSecond / cached.PerSecond:F2}x | {table.PerSecond:F1} | {ours.PerSecond / table.PerSecond:F2}x |")
                + (plot ? string.Create(CultureInfo.InvariantCulture, $" {loads[4].PerSecond:F1} | {ours.PerSecond / loads[4].PerSecond:F2}x | {loads[4].CpuMs:F1} | {loads[5].PerSecond:F1} | {loads[5].PerSecond / loads[4].PerSecond:F2}x | {loads[5].CpuMs:F1} |") : ""));
            if (spans is not null)
            {
                Console.WriteLine();
                Console.WriteLine($"Where the server's time went at {count} clients (its spans, warm-up included):");
                spans.Print();
                Console.WriteLine();
            }
        }
        return 0;
    }

    private static AnalysisSpec WithoutPlot(AnalysisSpec spec)
    {
        var bare = spec.Clone();
        bare.Plot = null;
        return bare;
    }

    private const int Rounds = 4;

    /// <summary>Each side run <paramref name="seconds"/> in all, in <see cref="Rounds"/> turns (each after a short warm-up of its own).</summary>
    /// <remarks>
    /// CPU per operation is the bench process' and the server process' together over the measured
    /// turns: it moves less with the machine's load than throughput does.
    /// </remarks>
    private static async Task<List<(double P50, double P99, double PerSecond, double CpuMs, double[] Turns)>> Interleaved(int clients, double seconds, List<Func<int, Task>> sides, Func<TimeSpan> processorTime)
    {
        var latencies = sides.Select(_ => new Latencies()).ToList();
        var elapsed = sides.Select(_ => TimeSpan.Zero).ToList();
        var cpu = sides.Select(_ => TimeSpan.Zero).ToList();
        var turns = sides.Select(_ => new double[Rounds]).ToList();
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < sides.Count; i++)
            {
                await Drive(clients, TimeSpan.FromSeconds(0.5), sides[i], new Latencies());
                var (before, count) = (processorTime(), latencies[i].Count);
                var took = await Drive(clients, TimeSpan.FromSeconds(seconds / Rounds), sides[i], latencies[i]);
                cpu[i] += processorTime() - before;
                elapsed[i] += took;
                turns[i][round] = (latencies[i].Count - count) / took.TotalSeconds;
            }
        }
        return [.. latencies.Select((l, i) => (l.Percentile(0.5), l.Percentile(0.99), l.PerSecond(elapsed[i]), cpu[i].TotalMilliseconds / l.Count, turns[i]))];
    }

    /// <summary>The median over the rounds of one side's throughput against another's in the same round: the two shared that moment's load.</summary>
    private static double PairedRatio(double[] ours, double[] baseline)
    {
        var paired = new Timing("server / DuckDB, round by round");
        for (var round = 0; round < ours.Length; round++)
        {
            paired.Add(ours[round] / baseline[round]);
        }
        return paired.Median;
    }

    /// <summary><paramref name="clients"/> loops, each starting its next operation when the last ended, until the time is up.</summary>
    private static async Task<TimeSpan> Drive(int clients, TimeSpan duration, Func<int, Task> one, Latencies latencies)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                await one(c);
                latencies.Add((clock.Elapsed - started).TotalMilliseconds);
            }
        }));
        return clock.Elapsed;
    }

    private static async Task Analyse(AnalysisService.AnalysisServiceClient client, AnalysisSpec spec, bool fetchPlot, bool identical)
    {
        var analysis = await client.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec, RequestId = Guid.NewGuid().ToString("N") });
        if (analysis.ServedFromCache && !identical)
        {
            throw new InvalidOperationException($"{analysis.Name} was served from the cache: the variants repeated, so the figure would not measure distinct analyses");
        }
        using (var stream = client.StreamProgress(new StreamProgressRequest { Name = analysis.Name }))
        {
            await foreach (var _ in stream.ResponseStream.ReadAllAsync())
            {
            }
        }
        var result = await client.GetResultAsync(new GetResultRequest { Name = analysis.Name });
        if (result.RowCount == 0)
        {
            throw new InvalidOperationException($"{analysis.Name} gave no rows");
        }
        if (fetchPlot)
        {
            using var png = client.GetPlot(new GetPlotRequest { Name = analysis.Name });
            await foreach (var _ in png.ResponseStream.ReadAllAsync())
            {
            }
        }
    }

    private static void Execute(DuckDBConnection root, DuckDbQuery query)
    {
        using var connection = root.Duplicate();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = query.Sql;
        foreach (var value in query.Parameters)
        {
            command.Parameters.Add(new DuckDBParameter(value));
        }
        using var reader = command.ExecuteReader();
        var values = new object[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
        }
    }

    /// <summary>
    /// The template over a date range starting <c>i / 150 % 60</c> days earlier and ending <c>i % 150</c>
    /// days earlier, over one of six sets of states: 54,000 distinct specs before one repeats (more
    /// than any run submits, so the spec cache never answers one).
    /// </summary>
    private static AnalysisSpec Variant(AnalysisSpec template, int i)
    {
        string[][] states = [["NY", "NYC", "NJ", "CA"], ["TX", "FL"], ["WA", "OR", "CA"], ["IL", "MI", "OH", "IN"], ["MA", "CT", "RI"], ["GA", "AL", "MS", "LA"]];
        var spec = template.Clone();
        spec.DateRange ??= new DateRange { Start = "2020-03-02", End = "2020-09-20" };
        spec.DateRange.Start = DateOnly.Parse(spec.DateRange.Start.Length > 0 ? spec.DateRange.Start : "2020-03-02", CultureInfo.InvariantCulture)
            .AddDays(-(i / 150 % 60)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        spec.DateRange.End = DateOnly.Parse(spec.DateRange.End.Length > 0 ? spec.DateRange.End : "2021-05-30", CultureInfo.InvariantCulture)
            .AddDays(-(i % 150)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        spec.Filters.Clear();
        spec.Filters.Add(new Filter { Field = "state", Values = { states[i / 9_000 % states.Length] } });
        return spec;
    }
}
