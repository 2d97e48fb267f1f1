namespace Covid.Synthetic;

/// <summary>
/// SplitMix64: a generator whose sequence is fixed by its algorithm, unlike System.Random, whose
/// seeded output .NET does not promise to keep; generated files must be reproducible byte for byte.
/// </summary>
/// <remarks>
/// The one generator of the solution. This file is compiled into Covid.SparkJob (the synthetic
/// 9mfq-cb36 sample the server seeds) and linked into the CLI (the synthetic case rows of
/// <c>covid datasets generate</c>), which may reference only the SDK.
/// </remarks>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A generator seeded by the FNV-1a hash of <paramref name="key"/>: a stable seed per name.</summary>
    public static SplitMix64 For(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return new SplitMix64(hash);
    }

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
