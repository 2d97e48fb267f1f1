using Covid.SparkJob.Errors;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;
using Covid.SparkJob.Validation;
using Covid.Tests.Support;
using Covid.Tests.Support.Sql;
using Covid.V1;

namespace Covid.Tests.Core.Sql;

/// <summary>No spec string reaches SQL text raw: either validation refuses it, or it is bound (DuckDB) or escaped (Spark).</summary>
public sealed class SqlInjectionTests
{
    public static TheoryData<string> Hostile() => new()
    {
        "'); DROP TABLE x; --",
        "NY' OR '1'='1",
        "O'Brien",
        "a\"b\"; SELECT 1",
        "/* comment */ x",
        "x\\'; DROP TABLE y; --",
        "\\",
        "tab\there\nnew line",
        "Nеw Yоrk ☣ 𝔘𝔫𝔦",
        "`backtick`",
        "nul\0byte",
        // NUL then digits: written "\0" + "12" Spark reads the octal escape \012, a newline.
        "nul\012",
        // Spark substitutes ${…} in the whole script text, string literals included.
        "${env:HOME}",
        "${system:user.name}",
        "${hiveconf:x}${y}",
        "$${x}}",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Build_HostileFilterValue_IsBoundInDuckDbAndEscapedInSpark(string hostile)
    {
        var spec = Specs.WeeklyCases();
        spec.Filters.Add(new Filter { Field = "consent_cases", Values = { "Agree", hostile } });
        spec.Plot = new Plot { Kind = Plot.Types.Kind.Bar, Title = hostile, X = "period", Y = { "cases" } };
        var plan = AnalysisPlanner.Plan(spec, TestDatasets.CasesDeaths());

        var duck = DuckDbDialect.Build(plan);
        Assert.DoesNotContain(hostile, duck.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("Agree", duck.Sql, StringComparison.Ordinal);
        Assert.Equal(["Agree", hostile], duck.Parameters);
        Assert.Contains("\"consent_cases\" IN ($1, $2)", duck.Sql, StringComparison.Ordinal);

        var spark = SparkSqlDialect.Build(plan, "/data/x.parquet", "/data/out");
        var literals = SparkLiteral.All(spark);
        Assert.Contains(hostile, literals);
        Assert.Contains("Agree", literals);
        // Only the path, result directory, options and the two values are literals: the title never appears.
        Assert.Equal(["/data/x.parquet", "/data/out", "false", "WEEK", "Agree", hostile, "WEEK"], literals);
        Assert.DoesNotContain("${", spark, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Validate_HostileIdentifiers_AreAllRefused(string hostile)
    {
        var spec = Specs.Parse("""{"timeBucket": "WEEK"}""");
        spec.Dataset = hostile;
        spec.GroupBy.Add(hostile);
        spec.Filters.Add(new Filter { Field = hostile, Values = { "x" } });
        spec.Metrics.Add(new Metric { Name = hostile, Aggregation = Metric.Types.Aggregation.Sum, Field = hostile });
        spec.OrderBy.Add(new OrderBy { Column = hostile });
        spec.DateRange = new DateRange { Start = hostile };

        var fields = SpecValidator.Validate(spec, TestDatasets.CasesDeaths()).Select(v => v.Field).ToHashSet();

        Assert.Contains("spec.dataset", fields);
        Assert.Contains("spec.metrics[0].name", fields);
        Assert.Contains("spec.order_by[0].column", fields);
        Assert.Contains("spec.date_range.start", fields);
        Assert.Throws<SpecValidationException>(() => AnalysisPlanner.Plan(spec, TestDatasets.CasesDeaths()));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Validate_HostileNamesOnAKnownDataset_AreRefusedAtEachField(string hostile)
    {
        var spec = Specs.WeeklyCases();
        spec.GroupBy.Add(hostile);
        spec.Filters.Add(new Filter { Field = hostile, Values = { "x" } });
        spec.Filters.Add(new Filter { Field = "state", Values = { hostile } });
        spec.Metrics.Add(new Metric { Name = "m", Aggregation = Metric.Types.Aggregation.Max, Field = hostile });
        spec.Metrics.Add(new Metric { Name = "r", Ratio = new Ratio { Numerator = hostile, Denominator = "m" } });

        var fields = SpecValidator.Validate(spec, TestDatasets.CasesDeaths()).Select(v => v.Field).ToList();

        Assert.Equal(
            ["spec.filters[0].field", "spec.filters[1].values[0]", "spec.group_by[1]", "spec.metrics[1].field", "spec.metrics[2].ratio.numerator"],
            fields);
    }

    [Fact]
    public void Build_DatasetPathWithQuotes_IsEscapedForEachDialect()
    {
        var path = "/data/it's \\ here/data.parquet";
        var plan = AnalysisPlanner.Plan(Specs.WeeklyCases(), TestDatasets.CasesDeaths(path));

        Assert.Contains("read_parquet('/data/it''s \\ here/data.parquet')", DuckDbDialect.Build(plan).Sql, StringComparison.Ordinal);
        var spark = SparkSqlDialect.Build(plan, path, "/out/o'k\\");
        Assert.Equal([path, "/out/o'k\\", "false", "WEEK", "WEEK"], SparkLiteral.All(spark));
    }

    [Fact]
    public void Build_DateRange_IsBoundAsDates()
    {
        var spec = Specs.WeeklyCases();
        spec.DateRange = new DateRange { Start = "2020-03-02", End = "2020-09-20" };
        var duck = DuckDbDialect.Build(AnalysisPlanner.Plan(spec, TestDatasets.CasesDeaths()));

        Assert.Equal([new DateOnly(2020, 3, 2), new DateOnly(2020, 9, 20)], duck.Parameters);
        Assert.Contains("\"submission_date\" >= $1", duck.Sql, StringComparison.Ordinal);
        Assert.Contains("\"submission_date\" <= $2", duck.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("2020", duck.Sql, StringComparison.Ordinal);
    }
}
