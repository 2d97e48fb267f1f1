using System.Globalization;
using V1 = Covid.V1;

namespace Covid.Client;

/// <summary>The one place the SDK's <see cref="AnalysisSpec"/> and the contract's message meet, both ways, losing nothing.</summary>
internal static class SpecMapping
{
    public static V1.AnalysisSpec ToProto(AnalysisSpec spec)
    {
        var proto = new V1.AnalysisSpec
        {
            Dataset = spec.Dataset ?? "",
            TimeBucket = (V1.AnalysisSpec.Types.TimeBucket)(int)spec.TimeBucket,
            Limit = spec.Limit,
            Engine = (V1.AnalysisSpec.Types.Engine)(int)spec.Engine,
            AsOf = Day(spec.AsOf),
            Version = spec.Version,
            GroupBy = { spec.GroupBy },
            Filters = { spec.Filters.Select(ToProto) },
            Metrics = { spec.Metrics.Select(ToProto) },
            OrderBy = { spec.OrderBy.Select(o => new V1.OrderBy { Column = o.Column, Descending = o.Descending }) },
        };
        if (spec.From is not null || spec.To is not null)
        {
            proto.DateRange = new V1.DateRange { Start = Day(spec.From), End = Day(spec.To) };
        }
        if (spec.CompareTo is { } compare)
        {
            proto.CompareTo = new V1.CompareTo { AsOf = Day(compare.AsOf), Version = compare.Version };
        }
        if (spec.TopN is { } top)
        {
            proto.TopN = new V1.TopN { N = top.N, By = top.By, PerPeriod = top.PerPeriod };
        }
        if (spec.Plot is { } plot)
        {
            proto.Plot = new V1.Plot
            {
                Kind = (V1.Plot.Types.Kind)(int)plot.Kind, X = plot.X, Y = { plot.Y }, Series = plot.Series ?? "", Title = plot.Title ?? "",
                Width = plot.Width, Height = plot.Height, LogScale = plot.LogScale,
            };
        }
        return proto;
    }

    /// <exception cref="InvalidSpecException">A date that is not YYYY-MM-DD.</exception>
    public static AnalysisSpec FromProto(V1.AnalysisSpec proto) => new()
    {
        Dataset = proto.Dataset,
        From = Day(proto.DateRange?.Start, "spec.dateRange.start"),
        To = Day(proto.DateRange?.End, "spec.dateRange.end"),
        Filters = proto.Filters.Select(FromProto).ToList(),
        GroupBy = proto.GroupBy.ToList(),
        TimeBucket = (TimeBucket)(int)proto.TimeBucket,
        Metrics = proto.Metrics.Select((m, i) => FromProto(m, $"spec.metrics[{i}]")).ToList(),
        OrderBy = proto.OrderBy.Select(o => new SortKey(o.Column, o.Descending)).ToList(),
        Limit = proto.Limit,
        TopN = proto.TopN is { } top ? new TopN(top.N, top.By, top.PerPeriod) : null,
        Plot = proto.Plot is { } plot
            ? new PlotSpec((PlotKind)(int)plot.Kind, plot.X, plot.Y.ToList())
            {
                Series = Text(plot.Series), Title = Text(plot.Title), Width = plot.Width, Height = plot.Height, LogScale = plot.LogScale,
            }
            : null,
        Engine = (AnalysisEngine)(int)proto.Engine,
        AsOf = Day(proto.AsOf, "spec.as_of"),
        Version = proto.Version,
        CompareTo = proto.CompareTo is { } compare ? new ComparedVersion(Day(compare.AsOf, "spec.compare_to.as_of"), compare.Version) : null,
    };

    private static V1.Filter ToProto(Filter filter) => new() { Field = filter.Field, Values = { filter.Values } };

    private static Filter FromProto(V1.Filter filter) => new(filter.Field, filter.Values.ToList());

    private static V1.Metric ToProto(Metric metric)
    {
        // The aggregation goes out whatever the kind, so a spec setting both reaches the server, which names the conflict.
        var proto = new V1.Metric
        {
            Name = metric.Name, Field = metric.Field ?? "", Where = { metric.Where.Select(ToProto) },
            Aggregation = (V1.Metric.Types.Aggregation)(int)(metric.Aggregation ?? 0),
        };
        switch (metric.Kind)
        {
            case MetricKind.Ratio:
                proto.Ratio = new V1.Ratio { Numerator = metric.Numerator ?? "", Denominator = metric.Denominator ?? "" };
                break;
            case MetricKind.Rolling:
                proto.Rolling = new V1.Rolling { Metric = metric.Of ?? "", Periods = metric.Periods };
                break;
            case MetricKind.Per100k:
                proto.Per100K = new V1.Per100k { Metric = metric.Of ?? "" };
                break;
            case MetricKind.Change:
                proto.Change = new V1.Change { Metric = metric.Of ?? "", Periods = metric.Periods, Percent = metric.Percent };
                break;
        }
        return proto;
    }

    /// <summary>
    /// A metric as the server would read it. A message setting an aggregation and a derived kind keeps
    /// both (the server names the conflict); one setting several derived kinds is refused here, as the
    /// server would refuse it, since a <see cref="Metric"/> holds one kind and would lose the others.
    /// </summary>
    /// <exception cref="InvalidSpecException">More than one of ratio, rolling, per100k and change.</exception>
    private static Metric FromProto(V1.Metric m, string path)
    {
        if ((m.Ratio is null ? 0 : 1) + (m.Rolling is null ? 0 : 1) + (m.Per100K is null ? 0 : 1) + (m.Change is null ? 0 : 1) > 1)
        {
            const string problem = "set only one of ratio, rolling, per100k and change";
            throw new InvalidSpecException($"{path}: {problem}", [new FieldViolation(path, problem)]);
        }
        var where = m.Where.Select(FromProto).ToList();
        Aggregation? aggregation = m.Aggregation == V1.Metric.Types.Aggregation.Unspecified ? null : (Aggregation)(int)m.Aggregation;
        var field = Text(m.Field);
        return m switch
        {
            { Ratio: { } r } => Metric.FromParts(m.Name, MetricKind.Ratio, aggregation, field, where, r.Numerator, r.Denominator, null, 0),
            { Rolling: { } r } => Metric.FromParts(m.Name, MetricKind.Rolling, aggregation, field, where, null, null, r.Metric, r.Periods),
            { Per100K: { } p } => Metric.FromParts(m.Name, MetricKind.Per100k, aggregation, field, where, null, null, p.Metric, 0),
            { Change: { } c } => Metric.FromParts(m.Name, MetricKind.Change, aggregation, field, where, null, null, c.Metric, c.Periods, c.Percent),
            _ => Metric.FromParts(m.Name, MetricKind.Aggregate, aggregation, field, where, null, null, null, 0),
        };
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static DateOnly? Day(string? text, string path)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new InvalidSpecException($"{path}: '{text}' is not a day written YYYY-MM-DD", [new FieldViolation(path, $"'{text}' is not a day written YYYY-MM-DD")]);
    }

    private static string? Text(string s) => s.Length == 0 ? null : s;
}
