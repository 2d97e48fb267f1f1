using Covid.SparkJob.Engine;
using Covid.SparkJob.Results;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Tests.Core.Engine;

/// <summary>Aggregations, ratios, filters and progress on the real export, against values computed by hand.</summary>
[Collection(RealDataCollection.Name)]
public sealed class EmbeddedEngineMetricTests(RealData data)
{
    [Fact]
    public async Task RunAsync_CountPerState_IsTheNumberOfDays()
    {
        var table = await Run("""
            {"dataset": "cdc-cases-deaths-by-state", "groupBy": ["state"], "metrics": [{"name": "days", "aggregation": "COUNT"}]}
            """);

        Assert.Equal(60, table.Rows.Count);
        Assert.All(table.Rows, r => Assert.Equal(495L, r[1]));
        Assert.Equal(TestSchemas.CasesDeathsCodes.Order(StringComparer.Ordinal), table.Rows.Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task RunAsync_MeanMinMax_EqualIndependentValues()
    {
        var table = await Run("""
            {"dataset": "cdc-cases-deaths-by-state", "dateRange": {"start": "2020-06-01", "end": "2020-08-31"},
             "filters": [{"field": "state", "values": ["TX", "PR"]}], "groupBy": ["state"],
             "metrics": [{"name": "mean", "aggregation": "MEAN", "field": "new_case"}, {"name": "low", "aggregation": "MIN", "field": "new_case"},
                         {"name": "high", "aggregation": "MAX", "field": "new_case"}]}
            """);

        Assert.Equal(["PR", "TX"], table.Rows.Select(r => (string)r[0]!));
        foreach (var row in table.Rows)
        {
            var values = data.Cases2021Rows.Where(r => r.State == (string)row[0]! && r.Date >= new DateOnly(2020, 6, 1) && r.Date <= new DateOnly(2020, 8, 31))
                .Select(r => r.NewCase!.Value).ToList();
            Assert.Equal(92, values.Count);
            Assert.Equal(values.Average(), (double)row[1]!, 9);
            Assert.Equal(values.Min(), (long)row[2]!);
            Assert.Equal(values.Max(), (long)row[3]!);
        }
    }

    [Fact]
    public async Task RunAsync_DeathsPerCaseRatio_EqualsIndependentQuotient()
    {
        var table = await Run("""
            {"dataset": "cdc-cases-deaths-by-state", "groupBy": ["state"],
             "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}, {"name": "deaths", "aggregation": "SUM", "field": "new_death"},
                         {"name": "cfr", "ratio": {"numerator": "deaths", "denominator": "cases"}}],
             "orderBy": [{"column": "cfr", "descending": true}]}
            """);

        foreach (var row in table.Rows)
        {
            var rows = data.Cases2021Rows.Where(r => r.State == (string)row[0]!).ToList();
            long cases = rows.Sum(r => r.NewCase ?? 0), deaths = rows.Sum(r => r.NewDeath ?? 0);
            Assert.Equal(cases, (long)row[1]!);
            Assert.Equal(deaths, (long)row[2]!);
            Assert.Equal(cases == 0 ? null : (double)deaths / cases, (double?)row[3]);
        }
        // Jurisdictions without cases have a null ratio, and nulls sort last even when descending.
        var ratios = table.Rows.Select(r => (double?)r[3]).ToList();
        var firstNull = ratios.FindIndex(r => r is null);
        Assert.True(firstNull > 0, "expected some jurisdictions without cases (e.g. PW, FSM)");
        Assert.All(ratios.Skip(firstNull), r => Assert.Null(r));
        Assert.Equal(ratios.Take(firstNull).OrderDescending(), ratios.Take(firstNull));
    }

    [Fact]
    public async Task RunAsync_HostileAndEmptyConsentValues_AreMatchedAsPlainValues()
    {
        var table = await Run("""
            {"dataset": "cdc-cases-deaths-by-state", "filters": [{"field": "consent_cases", "values": ["'); DROP TABLE x; --", "", "N/A"]}],
             "metrics": [{"name": "n", "aggregation": "COUNT"}]}
            """);

        Assert.Equal((long)data.Cases2021Rows.Count(r => r.ConsentCases is "" or "N/A"), Assert.Single(table.Rows)[0]);
    }

    [Fact]
    public async Task RunAsync_Progress_GoesPlanningScanningAggregatingWithRealRowCounts()
    {
        var events = new List<EngineProgress>();
        await EngineHarness.RunAsync(Specs.IssueExample(), data.Cases2021, events);

        Assert.Equal(Stage.Planning, events[0].Stage);
        Assert.Equal(Stage.Scanning, events[1].Stage);
        Assert.Contains("29,700 rows", events[1].Message, StringComparison.Ordinal);
        var last = events[^1];
        Assert.Equal(Stage.Aggregating, last.Stage);
        Assert.Equal(29_700, last.RowsScanned);
        Assert.Equal(1.0, last.Fraction);
        Assert.Equal(events.Select(e => e.Fraction).Order(), events.Select(e => e.Fraction));
    }

    private Task<ResultTable> Run(string json) => EngineHarness.RunAsync(Specs.Parse(json), data.Cases2021);
}
