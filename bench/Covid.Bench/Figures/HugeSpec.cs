using System.Diagnostics;
using System.Globalization;
using Covid.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Covid.Bench.Figures;

/// <summary>
/// What a hostile spec of 100,000 filter values costs the server, in CPU time: ExplainAnalysis
/// through real gRPC, refused by the count-first limit (Limits:MaxValuesPerFilter, the default
/// 1000) against the same spec validated and planned in full (the limit raised above it). CPU is
/// the whole bench process's (server and client share it), so the client's own share — encoding
/// the request — is measured apart and shown.
/// </summary>
internal static class HugeSpec
{
    public const string Usage = "huge-spec SEED.csv SPEC.json [--values 100000] [--iterations 15]";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, positional: 2);
        var (seed, specPath) = (Path.GetFullPath(options.Positional[0]), options.Positional[1]);
        var (values, iterations) = (options.Int("--values", 100_000), options.Int("--iterations", 15));
        var spec = JsonParser.Default.Parse<AnalysisSpec>(File.ReadAllText(specPath));
        var states = spec.Filters[0].Values.ToArray();
        spec.Filters[0].Values.Clear();
        spec.Filters[0].Values.AddRange(Enumerable.Range(0, values).Select(i => states[i % states.Length]));
        var request = new ExplainAnalysisRequest { Spec = spec };

        Console.WriteLine($"| ExplainAnalysis, {values:N0} filter values ({request.CalculateSize():N0} bytes) | median process CPU ms | median wall ms | answer |");
        Console.WriteLine("|---|---:|---:|---|");
        var encode = Measure(iterations, () => Task.FromResult(request.ToByteArray().Length.ToString(CultureInfo.InvariantCulture)));
        Row("the client encoding the request alone", await encode);
        Row("refused by Limits:MaxValuesPerFilter (1000)", await ExplainAsync(seed, request, iterations));
        Row("validated and planned in full (limit raised)", await ExplainAsync(seed, request, iterations, $"Limits:MaxValuesPerFilter={values}", "Limits:MaxMessageBytes=67108864"));
        return 0;
    }

    private static async Task<(Timing Cpu, Timing Wall, string Answer)> ExplainAsync(string seed, ExplainAnalysisRequest request, int iterations, params string[] settings)
    {
        await using var server = await BenchServer.StartAsync(seed, [.. settings, "Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning"]);
        using var channel = server.Channel();
        var client = new AnalysisService.AnalysisServiceClient(channel);
        return await Measure(iterations, async () =>
        {
            try
            {
                var explained = await client.ExplainAnalysisAsync(request);
                return $"OK, {explained.DuckdbParameters.Count} bound values";
            }
            catch (RpcException e)
            {
                return e.StatusCode.ToString();
            }
        });
    }

    private static async Task<(Timing Cpu, Timing Wall, string Answer)> Measure(int iterations, Func<Task<string>> call)
    {
        var (cpu, wall) = (new Timing("cpu"), new Timing("wall"));
        var answer = "";
        for (var i = -2; i < iterations; i++)
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            answer = await call();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            var used = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds;
            if (i >= 0)
            {
                cpu.Add(used);
                wall.Add(elapsed);
            }
        }
        return (cpu, wall, answer);
    }

    private static void Row(string what, (Timing Cpu, Timing Wall, string Answer) measured) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {measured.Cpu.Median:F1} | {measured.Wall.Median:F1} | {measured.Answer} |"));
}
