namespace Covid.Client;

/// <summary>
/// One result column computed per group. Make one with <see cref="Sum"/>, <see cref="Count"/>,
/// <see cref="Mean"/>, <see cref="Min"/>, <see cref="Max"/>, <see cref="RatioOf"/>,
/// <see cref="RollingMean"/>, <see cref="PerHundredThousand"/>, <see cref="Change"/> or <see cref="PercentChange"/>.
/// </summary>
public sealed record Metric
{
    private Metric(string name, MetricKind kind)
    {
        Name = name;
        Kind = kind;
    }

    /// <summary>The result column: letters, digits and underscores, starting with a letter; unique ignoring case.</summary>
    public string Name { get; }

    /// <summary>What it computes; the properties of that kind are set.</summary>
    public MetricKind Kind { get; }

    /// <summary>For <see cref="MetricKind.Aggregate"/>: how rows combine.</summary>
    public Aggregation? Aggregation { get; private init; }

    /// <summary>For aggregates: the field aggregated (required but for COUNT of rows).</summary>
    public string? Field { get; private init; }

    /// <summary>For aggregates: only rows matching all of these count (SQL FILTER (WHERE …)).</summary>
    public IReadOnlyList<Filter> Where { get; private init; } = [];

    /// <summary>For <see cref="MetricKind.Ratio"/>: the metric divided, and the one it is divided by.</summary>
    public string? Numerator { get; private init; }

    /// <inheritdoc cref="Numerator"/>
    public string? Denominator { get; private init; }

    /// <summary>For <see cref="MetricKind.Rolling"/>, <see cref="MetricKind.Per100k"/> and <see cref="MetricKind.Change"/>: the metric it is computed from.</summary>
    public string? Of { get; private init; }

    /// <summary>For <see cref="MetricKind.Rolling"/>: periods in the window, 2..366. For <see cref="MetricKind.Change"/>: periods back, 1..366 (0 means 1).</summary>
    public int Periods { get; private init; }

    /// <summary>For <see cref="MetricKind.Change"/>: the percent change, 100 * (now - then) / then, instead of now minus then.</summary>
    public bool Percent { get; private init; }

    /// <summary>SUM of a numeric field.</summary>
    public static Metric Sum(string name, string field) => Aggregate(name, Client.Aggregation.Sum, field);

    /// <summary>COUNT of rows, or with <paramref name="field"/> of rows where it is not empty.</summary>
    public static Metric Count(string name, string? field = null) => Aggregate(name, Client.Aggregation.Count, field);

    /// <summary>MEAN of a numeric field.</summary>
    public static Metric Mean(string name, string field) => Aggregate(name, Client.Aggregation.Mean, field);

    /// <summary>MIN of a numeric field.</summary>
    public static Metric Min(string name, string field) => Aggregate(name, Client.Aggregation.Min, field);

    /// <summary>MAX of a numeric field.</summary>
    public static Metric Max(string name, string field) => Aggregate(name, Client.Aggregation.Max, field);

    /// <summary>Any aggregation of a field (null for COUNT of rows).</summary>
    public static Metric Aggregate(string name, Aggregation aggregation, string? field) =>
        new(name, MetricKind.Aggregate) { Aggregation = aggregation, Field = field };

    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/>, two other metrics; null where the denominator is 0 or null.</summary>
    public static Metric RatioOf(string name, string numerator, string denominator) =>
        new(name, MetricKind.Ratio) { Numerator = numerator, Denominator = denominator };

    /// <summary>The trailing mean of SUM or COUNT metric <paramref name="metric"/> over <paramref name="periods"/> periods (needs a time bucket).</summary>
    public static Metric RollingMean(string name, string metric, int periods) =>
        new(name, MetricKind.Rolling) { Of = metric, Periods = periods };

    /// <summary>SUM or COUNT metric <paramref name="metric"/> (or a rolling mean of one) per 100,000 residents (needs the state field in the group-by).</summary>
    public static Metric PerHundredThousand(string name, string metric) => new(name, MetricKind.Per100k) { Of = metric };

    /// <summary>
    /// The change of metric <paramref name="metric"/> (not itself a change) since <paramref name="periods"/>
    /// periods earlier, per group: now minus then, null where either is missing (needs a time bucket).
    /// </summary>
    public static Metric Change(string name, string metric, int periods = 1) => new(name, MetricKind.Change) { Of = metric, Periods = periods };

    /// <summary>As <see cref="Change"/>, in percent: 100 * (now - then) / then, null where then is 0 or missing.</summary>
    public static Metric PercentChange(string name, string metric, int periods = 1) => Change(name, metric, periods) with { Percent = true };

    /// <summary>This aggregate counting only rows whose <paramref name="field"/> is one of <paramref name="values"/>.</summary>
    public Metric WhereIn(string field, params string[] values) => this with { Where = [.. Where, new Filter(field, values)] };

    internal static Metric FromParts(string name, MetricKind kind, Aggregation? aggregation, string? field, IReadOnlyList<Filter> where,
        string? numerator, string? denominator, string? of, int periods, bool percent = false) =>
        new(name, kind) { Aggregation = aggregation, Field = field, Where = where, Numerator = numerator, Denominator = denominator, Of = of, Periods = periods, Percent = percent };
}
