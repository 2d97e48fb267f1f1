using Covid.SparkJob.Datasets;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Spark;
using Covid.SparkJob.Sql;
using Covid.Tests.Support;
using Covid.Tests.Support.Sql;
using Covid.V1;
using static Covid.Tests.Support.Spark.LaunchFixtures;

namespace Covid.Tests.Core.Sql;

/// <summary>
/// compareTo in both dialects: each version is read from its own directory (datasets/NAME/vN), the
/// Spark job carries both paths the pods see, and the joined script still parses as Spark SQL —
/// with a rolling grid and a change, whose CTEs must not collide between the two versions.
/// </summary>
public sealed class CompareToScriptTests
{
    private static readonly DatasetInfo First = Version(1, new DateOnly(2020, 9, 24));

    private static readonly DatasetInfo Second = Version(2, new DateOnly(2021, 5, 31));

    private static DatasetInfo Version(int number, DateOnly asOf) =>
        TestDatasets.Info($"/data/datasets/{TestSchemas.CasesDeathsName}/v{number}/data.parquet") with { Version = number, DataAsOf = asOf, Sha256 = new string((char)('a' + number), 64) };

    private static AnalysisPlan Plan(string metrics) => AnalysisPlanner.Plan(Specs.Parse($$"""
        {"dataset": "{{TestSchemas.CasesDeathsName}}", "compareTo": {"asOf": "2020-12-31"}, "groupBy": ["state"], "timeBucket": "WEEK",
         "metrics": [{{metrics}}], "orderBy": [{"column": "cases_revision", "descending": true}], "limit": 20}
        """), new TestDatasets(First, Second));

    private const string Sum = """{"name": "cases", "aggregation": "SUM", "field": "new_case"}""";

    [Fact]
    public void Plan_CompareTo_ReadsTheNewestAndTheVersionAsOfTheDay_WithThenAndRevisionAfterEachMetric()
    {
        var plan = Plan(Sum + """, {"name": "deaths", "aggregation": "SUM", "field": "new_death"}""");

        Assert.Equal((2, 1), (plan.Dataset.Version, plan.Then!.Version));
        Assert.Equal(["period", "state", "cases", "cases_then", "cases_revision", "deaths", "deaths_then", "deaths_revision"], plan.Columns.Select(c => c.Name));
        Assert.Equal(["period", "state", "cases", "deaths"], plan.VersionColumns.Select(c => c.Name));
    }

    [Fact]
    public void DuckDb_CompareTo_ReadsBothVersionFilesAndJoinsThemFullOuter()
    {
        var sql = DuckDbDialect.Build(Plan(Sum)).Sql;

        Assert.Contains("datasets/cdc-cases-deaths-by-state/v2/data.parquet", sql, StringComparison.Ordinal);
        Assert.Contains("datasets/cdc-cases-deaths-by-state/v1/data.parquet", sql, StringComparison.Ordinal);
        Assert.Contains("FULL OUTER JOIN", sql, StringComparison.Ordinal);
        Assert.Contains("IS NOT DISTINCT FROM", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void SparkJob_CompareTo_ScriptViewsEachVersionAtThePathThePodsSee()
    {
        var settings = Settings() with
        {
            DatasetPath = "/mnt/data/datasets/cdc-cases-deaths-by-state/v2/data.parquet",
            ThenDatasetPath = "/mnt/data/datasets/cdc-cases-deaths-by-state/v1/data.parquet",
        };

        var job = SparkJobDescription.Build(Plan(Sum), settings);

        Assert.Contains("CREATE OR REPLACE TEMPORARY VIEW `dataset` USING parquet OPTIONS (path '/mnt/data/datasets/cdc-cases-deaths-by-state/v2/data.parquet');", job.Script, StringComparison.Ordinal);
        Assert.Contains("CREATE OR REPLACE TEMPORARY VIEW `dataset_then` USING parquet OPTIONS (path '/mnt/data/datasets/cdc-cases-deaths-by-state/v1/data.parquet');", job.Script, StringComparison.Ordinal);
        Assert.DoesNotContain("/data/datasets/", job.Script.Replace("/mnt/data/datasets/", ""), StringComparison.Ordinal);
    }

    [SkippableFactIfGateMissing]
    public void Gate_CompareToScripts_ParseAsSparkSql()
    {
        var scripts = new Dictionary<string, string>
        {
            ["sum"] = SparkSqlDialect.Build(Plan(Sum), "/o"),
            ["rolling-and-change"] = SparkSqlDialect.Build(Plan(Sum + """
                , {"name": "cases_4w", "rolling": {"metric": "cases", "periods": 4}}, {"name": "cases_change", "change": {"metric": "cases", "percent": true}}
                """), "/o"),
            ["overall"] = SparkSqlDialect.Build(AnalysisPlanner.Plan(Specs.Parse($$"""
                {"dataset": "{{TestSchemas.CasesDeathsName}}", "compareTo": {"version": 1}, "metrics": [{{Sum}}]}
                """), new TestDatasets(First, Second)), "/o"),
        };

        var errors = SparkSyntaxGate.Check(scripts);

        Assert.All(errors, e => Assert.True(e.Value.Count == 0, $"{e.Key}: {string.Join("; ", e.Value)}"));
        Assert.Contains("`then_aggregated`", scripts["rolling-and-change"], StringComparison.Ordinal);
    }
}
