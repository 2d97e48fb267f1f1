using Covid.SparkJob.Errors;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using Covid.SparkJob.Sql;
using Covid.SparkJob.Validation;
using Covid.Tests.Support;
using Covid.V1;

namespace Covid.Tests.Core.Planning;

public sealed class AnalysisPlannerTests
{
    private static AnalysisPlan Plan(string json) => AnalysisPlanner.Plan(Specs.Parse(json), TestDatasets.CasesDeaths());

    [Fact]
    public void Plan_IssueExample_ResolvesColumnsFiltersAndOrder()
    {
        var plan = AnalysisPlanner.Plan(Specs.IssueExample(), TestDatasets.CasesDeaths());

        Assert.Equal(
            [new ResultColumn("period", ColumnType.Date), new ResultColumn("state", ColumnType.String), new ResultColumn("cases", ColumnType.Int64),
             new ResultColumn("deaths", ColumnType.Int64), new ResultColumn("days", ColumnType.Int64), new ResultColumn("cfr", ColumnType.Double)],
            plan.Columns);
        Assert.Equal(new DateOnly(2020, 3, 2), plan.Start);
        Assert.Equal(new DateOnly(2020, 9, 20), plan.End);
        Assert.Equal(["NY", "NYC", "NJ", "CA"], Assert.Single(plan.Filters).Values);
        Assert.Equal([new PlannedOrder("cases", true), new PlannedOrder("period", false), new PlannedOrder("state", false)], plan.OrderBy);
        Assert.Equal(500, plan.Limit);
        Assert.True(plan.Metrics[3].IsRatio);
    }

    [Fact]
    public void Plan_NoOrderNoLimit_SortsByPeriodThenGroupByAndCapsAtMaximum()
    {
        var plan = Plan("""
            {"dataset": "cdc-cases-deaths-by-state", "groupBy": ["consent_cases", "state"], "timeBucket": "MONTH",
             "metrics": [{"name": "n", "aggregation": "COUNT"}]}
            """);

        Assert.Equal([new PlannedOrder("period", false), new PlannedOrder("consent_cases", false), new PlannedOrder("state", false)], plan.OrderBy);
        Assert.Equal(100_000, plan.Limit);
    }

    [Fact]
    public void Plan_ExplicitOrderOnGroupBy_KeepsItsDirectionAndAddsTheRest()
    {
        var plan = Plan("""
            {"dataset": "cdc-cases-deaths-by-state", "groupBy": ["state"], "timeBucket": "DAY",
             "metrics": [{"name": "n", "aggregation": "COUNT"}], "orderBy": [{"column": "state", "descending": true}]}
            """);

        Assert.Equal([new PlannedOrder("state", true), new PlannedOrder("period", false)], plan.OrderBy);
    }

    [Fact]
    public void Plan_AggregationTypes_FollowTheirFields()
    {
        var plan = Plan("""
            {"dataset": "cdc-cases-deaths-by-state",
             "metrics": [{"name": "s", "aggregation": "SUM", "field": "new_case"}, {"name": "c", "aggregation": "COUNT", "field": "conf_cases"},
                         {"name": "m", "aggregation": "MEAN", "field": "new_case"}, {"name": "lo", "aggregation": "MIN", "field": "new_case"},
                         {"name": "hi", "aggregation": "MAX", "field": "new_death"}, {"name": "r", "ratio": {"numerator": "hi", "denominator": "s"}}]}
            """);

        Assert.Equal([ColumnType.Int64, ColumnType.Int64, ColumnType.Double, ColumnType.Int64, ColumnType.Int64, ColumnType.Double], plan.Columns.Select(c => c.Type));
        Assert.False(plan.HasPeriod);
        Assert.Empty(plan.OrderBy);
    }

    [Fact]
    public void Plan_DateFilterValues_AreTypedAndDeduplicated()
    {
        var plan = Plan("""
            {"dataset": "cdc-cases-deaths-by-state", "filters": [{"field": "submission_date", "values": ["2020-03-02", "03/02/2020", "2020-03-03"]}],
             "metrics": [{"name": "n", "aggregation": "COUNT"}]}
            """);

        Assert.Equal([new DateOnly(2020, 3, 2), new DateOnly(2020, 3, 3)], Assert.Single(plan.Filters).Values);
    }

    [Fact]
    public void Plan_InvalidSpec_ThrowsWithEveryViolation()
    {
        var spec = Specs.Parse("""{"dataset": "cdc-cases-deaths-by-state", "limit": 100001}""");

        var error = Assert.Throws<SpecValidationException>(() => AnalysisPlanner.Plan(spec, TestDatasets.CasesDeaths()));

        Assert.Equal(["spec.metrics", "spec.limit"], error.Violations.Select(v => v.Field));
        Assert.Contains("spec.limit: 100001 is out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SpecChangedAfterPlanning_DoesNotChangeThePlan()
    {
        var spec = Specs.IssueExample();
        var plan = AnalysisPlanner.Plan(spec, TestDatasets.CasesDeaths());

        spec.Metrics.Clear();

        Assert.Equal(4, plan.Spec.Metrics.Count);
    }
}
