using CsCheck;
using Covid.V1;
using Aggregation = Covid.V1.Metric.Types.Aggregation;

namespace Covid.Tests.Support.Reference;

/// <summary>
/// Random specs over 9mfq-cb36 in which every string field is sometimes a catalog name or a
/// plausible value and sometimes hostile: quotes, semicolons, comments, backslashes, NUL (also
/// before digits, which an octal escape would swallow), newlines, unicode, identifiers in either
/// engine's quoting, parameter markers, Spark's ${…} variable references, very long text.
/// </summary>
internal static class HostileSpecs
{
    /// <summary>Hostile strings long or distinctive enough that finding one in SQL means it got in raw.</summary>
    public static readonly string[] Distinctive =
    [
        "NY' OR '1'='1", "x'); DROP TABLE dataset; --", "Agree\\'; SELECT 1; --", "*/ SELECT 1 /*", "tab\u0000nul",
        "漢字🙂ÿ\u202Eevil", new string('A', 5000) + "'", "`state`) --", "\"state\" = \"state\"", "line\nbreak'",
        "nul\u000012", "${env:HOME}", "${system:user.dir}", "NY${hiveconf:x}", "${spark.sql.ansi.enabled}",
    ];

    private static readonly string[] Hostile =
    [
        .. Distinctive, "'", "''", "\\", ";", "--", "/*", "$1", "?", "", " ", "state ", " NY", "ny", "NEW_CASE", "period",
    ];

    private static readonly Gen<string> AnyHostile = Gen.OneOfConst(Hostile);

    /// <summary>A valid choice, or (when <paramref name="hostile"/>) one time in five a hostile string.</summary>
    private static Gen<string> Mix(bool hostile, params string[] valid) =>
        hostile ? Gen.Frequency((4, Gen.OneOfConst(valid)), (1, AnyHostile)) : Gen.OneOfConst(valid);

    private static Gen<Filter> FilterGen(bool h) =>
        Gen.Select(Mix(h, "state", "state", "consent_cases", "consent_deaths", "new_case"),
            Mix(h, "NY", "NYC", "CA", "VT", "GU", "TX", "ND", "Agree", "Not agree", "N/A", "").Array[1, 3],
            (f, v) => new Filter { Field = f, Values = { v } });

    private static Gen<Metric> MetricGen(bool h, int i)
    {
        var NumericField = Mix(h, "new_case", "new_death", "tot_cases", "conf_cases", "prob_cases");
        var MetricRef = Mix(h, "m0", "m0", "m1", "m2", "m3");
        var FilterGen = HostileSpecs.FilterGen(h);
        return Gen.Frequency(
        (6, Gen.Select(h ? Gen.Int[1, 6] : i == 0 ? Gen.OneOfConst(1, 2) : Gen.Int[1, 5], NumericField, Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 2])), FilterGen.Array[1, 2],
            (agg, field, whereCount, where) =>
            {
                var m = new Metric { Name = $"m{i}", Aggregation = (Aggregation)(agg % 6), Field = agg % 6 == 2 && field.Length > 3 && field[0] == 't' ? "" : field };
                m.Where.AddRange(where.Take(whereCount));
                return m;
            })),
        (h || i > 0 ? 2 : 0, Gen.Select(MetricRef, MetricRef, (n, d) => new Metric { Name = $"m{i}", Ratio = new Ratio { Numerator = n, Denominator = d } })),
        (h || i > 0 ? 2 : 0, Gen.Select(MetricRef, Gen.Int[h ? 0 : 2, 5], (r, p) => new Metric { Name = $"m{i}", Rolling = new Rolling { Metric = r, Periods = p } })),
        (h || i > 0 ? 2 : 0, MetricRef.Select(r => new Metric { Name = $"m{i}", Per100K = new Per100k { Metric = r } })),
        (h ? 1 : 0, AnyHostile.Select(name => new Metric { Name = name, Aggregation = Aggregation.Count })));
    }

    /// <summary>Half the specs draw hostile strings into any field; half only valid tokens, so enough of them run.</summary>
    public static Gen<AnalysisSpec> Spec { get; } = Gen.Bool.SelectMany(SpecGen);

    private static Gen<AnalysisSpec> SpecGen(bool h) =>
        from dataset in h ? Gen.Frequency((12, Gen.Const("cdc-cases-deaths-by-state")), (1, AnyHostile)) : Gen.Const("cdc-cases-deaths-by-state")
        from hasRange in Gen.Bool
        from start in Mix(h, "2020-10-01", "2020-10-05", "2020-10-14")
        from end in Mix(h, "2020-10-14", "2020-10-21", "2020-10-31")
        from filters in FilterGen(h).Array[0, 2]
        from groupBy in Gen.Frequency((3, Gen.Const(new[] { "state" })), (1, Mix(h, "state", "consent_cases").Array[0, 2]))
        from bucket in Gen.Frequency((1, Gen.Const(0)), (4, Gen.Int[1, 3]))
        from count in Gen.Int[1, 4]
        from metrics in Gen.Select(MetricGen(h, 0), MetricGen(h, 1), MetricGen(h, 2), MetricGen(h, 3), (a, b, c, d) => new[] { a, b, c, d }.Take(count).ToArray())
        from order in Gen.Select(Mix(h, "period", "state", "m0", "m1"), Gen.Bool, (c, d) => new OrderBy { Column = c, Descending = d }).Array[0, 1]
        from top in Gen.Frequency((3, Gen.Const((TopN?)null)), (1, Gen.Select(Gen.Int[h ? 0 : 1, 4], Mix(h, "m0", "m1"), Gen.Bool, (n, rankBy, pp) => (TopN?)new TopN { N = n, By = rankBy, PerPeriod = pp })))
        from limit in Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 30]))
        from plot in Gen.Frequency((4, Gen.Const((Plot?)null)), (1, Gen.Select(Gen.Int[1, 4], Mix(h, "period", "state"), Mix(h, "m0"), AnyHostile, (k, x, y, t) => (Plot?)new Plot { Kind = (Plot.Types.Kind)k, X = x, Y = { y }, Series = "state", Title = t })))
        select Build(dataset, hasRange ? new DateRange { Start = start, End = end } : null, filters, groupBy, bucket, metrics, order, top, limit, plot);

    private static AnalysisSpec Build(string dataset, DateRange? range, Filter[] filters, string[] groupBy, int bucket, Metric[] metrics, OrderBy[] order, TopN? top, int limit, Plot? plot)
    {
        var spec = new AnalysisSpec { Dataset = dataset, DateRange = range, TimeBucket = (AnalysisSpec.Types.TimeBucket)bucket, Limit = limit, TopN = top, Plot = plot };
        spec.Filters.AddRange(filters);
        spec.GroupBy.AddRange(groupBy.Distinct());
        spec.Metrics.AddRange(metrics);
        spec.OrderBy.AddRange(order);
        return spec;
    }
}
