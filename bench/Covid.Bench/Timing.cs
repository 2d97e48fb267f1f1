using System.Diagnostics;

namespace Covid.Bench;

/// <summary>Wall-clock samples of one contender; the median resists the noise of a shared machine.</summary>
internal sealed class Timing(string name)
{
    private readonly List<double> samples = [];

    public string Name { get; } = name;

    public double Median
    {
        get
        {
            var sorted = samples.Order().ToList();
            return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
        }
    }

    public int Count => samples.Count;

    public void Add(double milliseconds) => samples.Add(milliseconds);

    public async Task MeasureAsync(Func<Task> run)
    {
        var clock = Stopwatch.StartNew();
        await run();
        samples.Add(clock.Elapsed.TotalMilliseconds);
    }
}
