namespace Covid.Client;

/// <summary>
/// Builds an <see cref="AnalysisSpec"/> step by step:
/// <c>AnalysisSpec.For("cdc-cases-deaths-by-state").Where("state", "NY", "NJ").GroupBy("state").Weekly().Sum("cases", "new_case").Build()</c>.
/// </summary>
public sealed class AnalysisSpecBuilder
{
    private readonly List<Filter> filters = [];
    private readonly List<string> groupBy = [];
    private readonly List<Metric> metrics = [];
    private readonly List<SortKey> orderBy = [];
    private AnalysisSpec spec;

    internal AnalysisSpecBuilder(string dataset) => spec = new AnalysisSpec { Dataset = dataset };

    /// <summary>Only days from <paramref name="from"/> to <paramref name="to"/>, both included (either may be null).</summary>
    public AnalysisSpecBuilder Between(DateOnly? from, DateOnly? to) => Set(spec with { From = from, To = to });

    /// <summary>Only rows whose <paramref name="field"/> is one of <paramref name="values"/>.</summary>
    public AnalysisSpecBuilder Where(string field, params string[] values) => Add(filters, new Filter(field, values));

    /// <summary>Groups by these dimension fields, after any given before.</summary>
    public AnalysisSpecBuilder GroupBy(params string[] fields)
    {
        groupBy.AddRange(fields);
        return this;
    }

    /// <summary>Buckets rows by day, ISO week or month.</summary>
    public AnalysisSpecBuilder By(TimeBucket bucket) => Set(spec with { TimeBucket = bucket });

    /// <summary>Weekly periods (ISO weeks, starting Monday).</summary>
    public AnalysisSpecBuilder Weekly() => By(TimeBucket.Week);

    /// <summary>Monthly periods.</summary>
    public AnalysisSpecBuilder Monthly() => By(TimeBucket.Month);

    /// <summary>Daily periods.</summary>
    public AnalysisSpecBuilder Daily() => By(TimeBucket.Day);

    /// <summary>Adds a metric (see <see cref="Metric"/>'s factories).</summary>
    public AnalysisSpecBuilder Compute(Metric metric) => Add(metrics, metric);

    /// <summary>Adds SUM of <paramref name="field"/> as <paramref name="name"/>.</summary>
    public AnalysisSpecBuilder Sum(string name, string field) => Compute(Metric.Sum(name, field));

    /// <summary>Adds COUNT of rows (or of non-empty <paramref name="field"/> cells) as <paramref name="name"/>.</summary>
    public AnalysisSpecBuilder Count(string name, string? field = null) => Compute(Metric.Count(name, field));

    /// <summary>Adds <paramref name="numerator"/> / <paramref name="denominator"/> as <paramref name="name"/>.</summary>
    public AnalysisSpecBuilder Ratio(string name, string numerator, string denominator) => Compute(Metric.RatioOf(name, numerator, denominator));

    /// <summary>Sorts by a result column, after any sort keys given before.</summary>
    public AnalysisSpecBuilder OrderBy(string column, bool descending = false) => Add(orderBy, new SortKey(column, descending));

    /// <summary>At most <paramref name="rows"/> rows.</summary>
    public AnalysisSpecBuilder Limit(int rows) => Set(spec with { Limit = rows });

    /// <summary>Keeps the <paramref name="n"/> rows with the largest <paramref name="by"/>, overall or per period.</summary>
    public AnalysisSpecBuilder Top(int n, string by, bool perPeriod = false) => Set(spec with { TopN = new TopN(n, by, perPeriod) });

    /// <summary>Draws a chart of <paramref name="y"/> against <paramref name="x"/>; shape it further with <c>with</c> on the <see cref="PlotSpec"/>.</summary>
    public AnalysisSpecBuilder Plot(PlotKind kind, string x, string[] y, string? series = null, string? title = null) =>
        Plot(new PlotSpec(kind, x, y) { Series = series, Title = title });

    /// <summary>Draws this chart.</summary>
    public AnalysisSpecBuilder Plot(PlotSpec plot) => Set(spec with { Plot = plot });

    /// <summary>Runs on this engine.</summary>
    public AnalysisSpecBuilder OnEngine(AnalysisEngine engine) => Set(spec with { Engine = engine });

    /// <summary>The spec, checked for shape.</summary>
    /// <exception cref="InvalidSpecException">Its shape is wrong (each problem under its field path).</exception>
    public AnalysisSpec Build()
    {
        var built = spec with { Filters = [.. filters], GroupBy = [.. groupBy], Metrics = [.. metrics], OrderBy = [.. orderBy] };
        SpecShape.ThrowIfInvalid(built);
        return built;
    }

    private AnalysisSpecBuilder Set(AnalysisSpec next)
    {
        spec = next;
        return this;
    }

    private AnalysisSpecBuilder Add<T>(List<T> list, T item)
    {
        list.Add(item);
        return this;
    }
}
