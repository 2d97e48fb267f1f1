using Covid.SparkJob.Errors;
using Covid.SparkJob.Validation;
using Covid.Tests.Support;
using Covid.V1;
using static Covid.Tests.Support.ValidationAssert;

namespace Covid.Tests.Core.Validation;

/// <summary>Dataset, date range, filters and group-by: one rule per test, at its exact field path.</summary>
public sealed class SpecValidatorInputTests
{
    [Fact]
    public void Validate_IssueExample_HasNoViolations() =>
        Assert.Empty(SpecValidator.Validate(Specs.IssueExample(), TestDatasets.CasesDeaths()));

    [Fact]
    public void Validate_EmptyDataset_ReportsRequired() =>
        Single(With(s => s.Dataset = ""), "spec.dataset", "required");

    [Fact]
    public void Validate_UnknownDataset_NamesItAndTheLoadedOnes() =>
        Single(With(s => s.Dataset = "covid-nope"), "spec.dataset", "unknown dataset 'covid-nope'; loaded datasets are: cdc-cases-deaths-by-state");

    [Fact]
    public void Validate_StartNotIsoDate_ReportsStart() =>
        Single(With(s => s.DateRange = new DateRange { Start = "03/02/2020" }), "spec.date_range.start", "'03/02/2020' is not a date; write it YYYY-MM-DD");

    [Fact]
    public void Validate_EndNotACalendarDay_ReportsEnd() =>
        Single(With(s => s.DateRange = new DateRange { End = "2021-02-30" }), "spec.date_range.end", "is not a date");

    [Fact]
    public void Validate_StartAfterEnd_ReportsStart() =>
        Single(With(s => s.DateRange = new DateRange { Start = "2020-09-20", End = "2020-03-02" }), "spec.date_range.start", "start 2020-09-20 is after end 2020-03-02");

    [Fact]
    public void Validate_FilterOnUnknownField_ListsTheFields() =>
        Single(With(s => s.Filters.Add(new Filter { Field = "foo", Values = { "x" } })), "spec.filters[0].field",
            "unknown field 'foo'; fields of cdc-cases-deaths-by-state are: submission_date, state, tot_cases");

    [Fact]
    public void Validate_FilterOnMeasure_ReportsNotADimension() =>
        Single(With(s => s.Filters.Add(new Filter { Field = "new_case", Values = { "5" } })), "spec.filters[0].field", "'new_case' is not a dimension");

    [Fact]
    public void Validate_FilterWithoutValues_ReportsValues() =>
        Single(With(s => s.Filters.Add(new Filter { Field = "state" })), "spec.filters[0].values", "at least one value");

    [Fact]
    public void Validate_UnknownStateCode_ReportsThatValue() =>
        Single(With(s => s.Filters.Add(new Filter { Field = "state", Values = { "NY", "XX", "CA" } })), "spec.filters[0].values[1]", "unknown jurisdiction 'XX'; codes are: AK,");

    [Fact]
    public void Validate_LowerCaseStateCode_SuggestsTheCode() =>
        Single(With(s => s.Filters.Add(new Filter { Field = "state", Values = { "nyc" } })), "spec.filters[0].values[0]", "did you mean 'NYC'?");

    [Fact]
    public void Validate_DateFilterValueNotADate_ReportsThatValue() =>
        Single(With(s => s.Filters.Add(new Filter { Field = "submission_date", Values = { "2020-03-01", "yesterday" } })), "spec.filters[0].values[1]", "'yesterday' is not a date");

    [Fact]
    public void Validate_SecondFilterBad_UsesItsIndex() =>
        Single(With(s =>
        {
            s.Filters.Add(new Filter { Field = "state", Values = { "NY" } });
            s.Filters.Add(new Filter { Field = "consent_cases", Values = { } });
        }), "spec.filters[1].values", "at least one value");

    [Fact]
    public void Validate_GroupByUnknownField_ReportsIt() =>
        Single(With(s => s.GroupBy.Add("county")), "spec.group_by[1]", "unknown field 'county'");

    [Fact]
    public void Validate_GroupByTwice_ReportsTheDuplicate() =>
        Single(With(s => s.GroupBy.Add("state")), "spec.group_by[1]", "already grouped by");

    [Fact]
    public void Validate_GroupByMeasure_ReportsNotADimension() =>
        Single(With(s => s.GroupBy.Add("tot_death")), "spec.group_by[1]", "'tot_death' is not a dimension");

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOne()
    {
        var spec = Specs.Parse("""
            {"dataset": "cdc-cases-deaths-by-state", "dateRange": {"start": "2020-13-01"},
             "filters": [{"field": "state", "values": ["ZZ"]}], "groupBy": ["nope"],
             "metrics": [{"name": "1bad", "aggregation": "SUM"}], "limit": -5,
             "plot": {"x": "period", "y": ["cases"]}}
            """);
        var fields = SpecValidator.Validate(spec, TestDatasets.CasesDeaths()).Select(v => v.Field).ToList();
        Assert.Equal(
            ["spec.date_range.start", "spec.filters[0].values[0]", "spec.group_by[0]", "spec.metrics[0].name", "spec.metrics[0].field",
             "spec.limit", "spec.plot.kind", "spec.plot.x", "spec.plot.y[0]"],
            fields);
    }
}
