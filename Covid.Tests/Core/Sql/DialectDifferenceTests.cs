using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using Covid.Tests.Support.Reference;

namespace Covid.Tests.Core.Sql;

/// <summary>
/// Each place where DuckDB and Spark SQL differ is handled on purpose: week start, date patterns,
/// integer division, null ordering, rounding and sum types — checked in both generated texts, and
/// on DuckDB by running.
/// </summary>
[Collection(RealDataCollection.Name)]
public sealed class DialectDifferenceTests(RealData fixture)
{
    private static IEnumerable<(string Duck, string Spark)> AllScripts() => RepresentativeSpec.All.Select(s =>
    {
        var plan = AnalysisDatasets.Plan(s);
        return (DuckDbDialect.Build(plan).Sql, AnalysisDatasets.SparkScript(s));
    });

    [Fact]
    public async Task WeekStart_DuckDbRun_EveryPeriodIsAMonday()
    {
        // Spark: date_trunc('WEEK', d) truncates "to the Monday of the week" (Spark SQL reference, trunc/date_trunc).
        var spec = RepresentativeSpec.All.Single(s => s.Name == "top5-per-week").Spec;
        var table = await EngineHarness.RunAsync(spec, fixture.Cases2021);

        Assert.NotEmpty(table.Rows);
        Assert.All(table.Rows, r => Assert.Equal(DayOfWeek.Monday, ((DateOnly)r[0]!).DayOfWeek));
        var plan = AnalysisDatasets.Plan(RepresentativeSpec.All.Single(s => s.Name == "top5-per-week"));
        Assert.Contains("date_trunc('week', \"submission_date\")", DuckDbDialect.Build(plan).Sql, StringComparison.Ordinal);
        Assert.Contains("date_trunc('WEEK', `submission_date`)", SparkSqlDialect.Build(plan, "/p", "/o"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MM/dd/yyyy", "MM/dd/yyyy")]
    [InlineData("yyyy/MM/dd", "yyyy/MM/dd")]
    [InlineData("MM/dd/yyyy hh:mm:ss tt", "MM/dd/yyyy hh:mm:ss a")]
    [InlineData("yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss")]
    public void DatePattern_CatalogFormat_BecomesJavaPattern(string dotnet, string java) =>
        Assert.Equal(java, JavaDatePattern.From(dotnet));

    [Theory]
    [InlineData("dd.MM.yyyy")]
    [InlineData("MMM d, yyyy")]
    [InlineData("yyyy-MM-ddTHH:mm")]
    public void DatePattern_UncheckedLetters_AreRefusedNotGuessed(string dotnet) =>
        Assert.Throws<ArgumentException>(() => JavaDatePattern.From(dotnet));

    [Fact]
    public void OrderBy_EveryKeyInBothDialects_SaysNullsLast()
    {
        foreach (var (duck, spark) in AllScripts())
        {
            foreach (var sql in new[] { duck, spark })
            {
                var orderBy = sql[(sql.LastIndexOf("ORDER BY", StringComparison.Ordinal) + 8)..sql.LastIndexOf("LIMIT", StringComparison.Ordinal)];
                Assert.All(orderBy.Split(','), key => Assert.EndsWith("NULLS LAST", key.Trim(), StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Division_EveryQuotient_IsOverDouble()
    {
        // Spark's '/' on integers already yields DOUBLE, DuckDB's too since 0.8, but '//' and older
        // engines differ: every division casts its numerator, so neither engine divides integers.
        foreach (var (duck, spark) in AllScripts())
        {
            foreach (var sql in new[] { duck, spark })
            {
                foreach (var part in sql.Split(" / ").Skip(1).Select((_, i) => sql.Split(" / ")[i]))
                {
                    Assert.Matches(@"(CAST\([^()]*(\([^()]*\))?[^()]*AS DOUBLE\)( \* 100000)?)$", part);
                }
            }
        }
    }

    [Fact]
    public void Rounding_AndSumTypes_NoRoundInSqlAndSumsCastToTheirFieldType()
    {
        foreach (var (duck, spark) in AllScripts())
        {
            foreach (var sql in new[] { duck, spark })
            {
                Assert.DoesNotContain("ROUND(", sql.ToUpperInvariant(), StringComparison.Ordinal);
                Assert.DoesNotMatch(@"(?<!CAST\()SUM\([^)]*\)(?! FILTER)(?! AS (BIGINT|DOUBLE))(?! OVER)", sql);
            }
        }
    }
}
