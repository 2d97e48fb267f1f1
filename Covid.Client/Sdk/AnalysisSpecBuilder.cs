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

    /// <summary>Buckets rows in time (see <see cref="TimeBucket"/>).</summary>
    public AnalysisSpecBuilder By(TimeBucket bucket) => Set(spec with { TimeBucket = bucket });

    /// <summary>Weekly periods (ISO weeks, starting Monday).</summary>
    public AnalysisSpecBuilder Weekly() => By(TimeBucket.Week);

    /// <summary>Monthly periods.</summary>
    public AnalysisSpecBuilder Monthly() => By(TimeBucket.Month);

    /// <summary>Daily periods.</summary>
    public AnalysisSpecBuilder Daily() => By(TimeBucket.Day);

    /// <summary>MMWR (epidemiological) weeks, Sunday to Saturday, with the columns <c>mmwr_year</c> and <c>mmwr_week</c>.</summary>
    public AnalysisSpecBuilder Epiweekly() => By(TimeBucket.Epiweek);

    /// <summary>Respiratory seasons (MMWR week 40 to week 39), with the column <c>season</c>.</summary>
    public AnalysisSpecBuilder Seasonal() => By(TimeBucket.Season);

    /// <summary>The dataset's own periods (its days or weeks), with the column <c>period_end</c>.</summary>
    public AnalysisSpecBuilder NativePeriods() => By(TimeBucket.Native);

    /// <summary>Calendar years.</summary>
    public AnalysisSpecBuilder Yearly() => By(TimeBucket.Year);

    /// <summary>Reads the dataset as it was known on <paramref name="day"/> (not with <see cref="Version"/>).</summary>
    public AnalysisSpecBuilder AsOf(DateOnly day) => Set(spec with { AsOf = day });

    /// <summary>Reads version <paramref name="version"/> of the dataset (not with <see cref="AsOf"/>).</summary>
    public AnalysisSpecBuilder Version(int version) => Set(spec with { Version = version });

    /// <summary>Compares with the version the dataset had on <paramref name="day"/>: <c>m_then</c> and <c>m_revision</c> per metric.</summary>
    public AnalysisSpecBuilder ComparedTo(DateOnly day) => Set(spec with { CompareTo = ComparedVersion.OnDay(day) });

    /// <summary>Compares with version <paramref name="version"/> of the dataset: <c>m_then</c> and <c>m_revision</c> per metric.</summary>
    public AnalysisSpecBuilder ComparedToVersion(int version) => Set(spec with { CompareTo = ComparedVersion.Number(version) });

    /// <summary>Adds a metric (see <see cref="Metric"/>'s factories).</summary>
    public AnalysisSpecBuilder Compute(Metric metric) => Add(metrics, metric);

    /// <summary>Adds SUM of <paramref name="field"/> as <paramref name="name"/>.</summary>
    public AnalysisSpecBuilder Sum(string name, string field) => Compute(Metric.Sum(name, field));

    /// <summary>Adds COUNT of rows (or of non-empty <paramref name="field"/> cells) as <paramref name="name"/>.</summary>
    public AnalysisSpecBuilder Count(string name, string? field = null) => Compute(Metric.Count(name, field));

    /// <summary>Adds <paramref name="numerator"/> / <paramref name="denominator"/> as <paramref name="name"/>.</summary>
    public AnalysisSpecBuilder Ratio(string name, string numerator, string denominator) => Compute(Metric.RatioOf(name, numerator, denominator));

    /// <summary>Adds the change of <paramref name="metric"/> since <paramref name="periods"/> periods earlier as <paramref name="name"/>.</summary>
    public AnalysisSpecBuilder Change(string name, string metric, int periods = 1) => Compute(Metric.Change(name, metric, periods));

    /// <summary>Adds the percent change of <paramref name="metric"/> since <paramref name="periods"/> periods earlier as <paramref name="name"/>.</summary>
    public AnalysisSpecBuilder PercentChange(string name, string metric, int periods = 1) => Compute(Metric.PercentChange(name, metric, periods));

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
