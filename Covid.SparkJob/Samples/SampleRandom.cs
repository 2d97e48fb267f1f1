namespace Covid.SparkJob.Samples;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its algorithm, unlike System.Random,
/// whose seeded output .NET does not promise to keep — the sample must be byte-identical forever.
/// </summary>
internal sealed class SampleRandom(ulong seed)
{
    private ulong _state = seed;

    public static SampleRandom For(string key)
    {
        // FNV-1a of the key: a stable seed per jurisdiction.
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return new SampleRandom(hash);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
