namespace Covid.Bench;

/// <summary>Latencies of a load run and its throughput.</summary>
internal sealed class Latencies
{
    private readonly List<double> samples = [];
    private readonly Lock gate = new();

    public void Add(double milliseconds)
    {
        lock (gate)
        {
            samples.Add(milliseconds);
        }
    }

    public int Count => samples.Count;

    public double Percentile(double p)
    {
        lock (gate)
        {
            var sorted = samples.Order().ToList();
            return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
        }
    }

    public double PerSecond(TimeSpan elapsed) => Count / elapsed.TotalSeconds;
}
