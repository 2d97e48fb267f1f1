using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;
using Covid.Tests.Support;

namespace Covid.Tests.Core.Sql;

public sealed class DuckDbDialectTests
{
    private static DuckDbQuery Build(string json) => DuckDbDialect.Build(AnalysisPlanner.Plan(Specs.Parse(json), TestDatasets.CasesDeaths()));

    [Theory]
    [InlineData("DAY", "CAST(\"submission_date\" AS DATE) AS \"period\"")]
    [InlineData("WEEK", "CAST(date_trunc('week', \"submission_date\") AS DATE) AS \"period\"")]
    [InlineData("MONTH", "CAST(date_trunc('month', \"submission_date\") AS DATE) AS \"period\"")]
    public void Build_TimeBucket_TruncatesTheDateField(string bucket, string expected) =>
        Assert.Contains(expected, Build($$"""
            {"dataset": "cdc-cases-deaths-by-state", "timeBucket": "{{bucket}}", "metrics": [{"name": "n", "aggregation": "COUNT"}]}
            """).Sql, StringComparison.Ordinal);

    [Fact]
    public void Build_Aggregations_UseTheirSqlFunctions()
    {
        var sql = Build("""
            {"dataset": "cdc-cases-deaths-by-state",
             "metrics": [{"name": "c", "aggregation": "COUNT", "field": "conf_cases"}, {"name": "m", "aggregation": "MEAN", "field": "new_case"},
                         {"name": "lo", "aggregation": "MIN", "field": "new_case"}, {"name": "hi", "aggregation": "MAX", "field": "new_death"}]}
            """).Sql;

        Assert.Contains("COUNT(\"conf_cases\") AS \"c\"", sql, StringComparison.Ordinal);
        Assert.Contains("CAST(AVG(\"new_case\") AS DOUBLE) AS \"m\"", sql, StringComparison.Ordinal);
        Assert.Contains("MIN(\"new_case\") AS \"lo\"", sql, StringComparison.Ordinal);
        Assert.Contains("MAX(\"new_death\") AS \"hi\"", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("GROUP BY", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("WHERE", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("ORDER BY", sql, StringComparison.Ordinal);
        Assert.EndsWith("LIMIT 100000", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EmptyStringFilterValue_MatchesTheEmptyCells()
    {
        var query = Build("""
            {"dataset": "cdc-cases-deaths-by-state", "filters": [{"field": "consent_deaths", "values": ["", "N/A"]}],
             "metrics": [{"name": "n", "aggregation": "COUNT"}]}
            """);

        Assert.Contains("(\"consent_deaths\" IN ($1) OR \"consent_deaths\" IS NULL)", query.Sql, StringComparison.Ordinal);
        Assert.Equal(["N/A"], query.Parameters);
    }
}
