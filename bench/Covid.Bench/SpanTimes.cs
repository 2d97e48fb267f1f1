using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Covid.Bench;

/// <summary>
/// Where the server's time goes, from its own spans (Covid.Server's and ASP.NET Core's request
/// spans, the same ones OpenTelemetry exports): the median duration of each, printed after a run.
/// </summary>
internal sealed class SpanTimes : IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> durations = new(StringComparer.Ordinal);
    private readonly ActivityListener listener;

    public SpanTimes()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Covid.Server" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => durations.GetOrAdd(Name(a), _ => []).Add(a.Duration.TotalMilliseconds),
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Clear() => durations.Clear();

    public void Print()
    {
        Console.WriteLine("| span | count | median ms | p90 ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, bag) in durations.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var sorted = bag.Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {sorted.Count} | {sorted[sorted.Count / 2]:F2} | {sorted[Math.Min(sorted.Count - 1, sorted.Count * 9 / 10)]:F2} |"));
        }
    }

    // ASP.NET Core names every request span alike; its route says which RPC it was.
    private static string Name(Activity a) =>
        a.Source.Name == "Microsoft.AspNetCore" ? "RPC " + (a.GetTagItem("http.route") ?? a.DisplayName) : a.OperationName;

    public void Dispose() => listener.Dispose();
}
