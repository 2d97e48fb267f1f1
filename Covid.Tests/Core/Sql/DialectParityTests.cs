using System.Text.RegularExpressions;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;
using Covid.Tests.Support.Reference;
using Covid.Tests.Support.Spark;
using Covid.Tests.Support.Sql;

namespace Covid.Tests.Core.Sql;

/// <summary>
/// The DuckDB twin the fake Spark driver runs is derived from the script it is handed, and its SQL
/// agrees with that script construct by construct (<see cref="NeutralSql"/>): the same casts to the
/// same types, the same shape guards, literals, windows, FILTERs and orderings — the query, and for
/// a CSV in place the typed view. Only the dataset's source differs (read_parquet or read_csv with
/// its one-record check against Spark's views), so what the Spark tests prove with the twin holds
/// for the script Spark would run.
/// </summary>
public sealed partial class DialectParityTests
{
    public static TheoryData<string> Representative => new(RepresentativeSpec.All.Select(s => s.Name));

    public static TheoryData<string> Emitted => new(EmittedSql.All.Select(e => e.Name));

    [Theory]
    [MemberData(nameof(Representative))]
    public void Twin_RepresentativeSpec_RunsTheScriptsPlanConstructByConstruct(string name)
    {
        var spec = RepresentativeSpec.All.Single(s => s.Name == name);
        var script = AnalysisDatasets.SparkScript(spec);

        var twin = DuckDbTwinDriver.PlanOf(script, spec.Spec);

        Assert.Equal(spec.Storage, twin.Dataset.Storage);
        Assert.Equal(spec.Storage == DatasetStorage.CsvInPlace ? AnalysisDatasets.CsvPath : AnalysisDatasets.ParquetPath, twin.Dataset.ReadPath);
        AssertAgree(twin, script);
    }

    [Theory]
    [MemberData(nameof(Emitted))]
    public void Build_EveryEmittedPlan_BothDialectsAgreeConstructByConstruct(string name)
    {
        var emitted = EmittedSql.All.Single(e => e.Name == name);

        AssertAgree(emitted.Plan, emitted.Spark);
    }

    [Fact]
    public void Compare_ADriftedCastOrGuard_IsCaught()
    {
        var plan = AnalysisDatasets.Plan(RepresentativeSpec.All.Single(s => s.Storage == DatasetStorage.CsvInPlace));
        var script = SparkSqlDialect.Build(plan, AnalysisDatasets.ResultDirectory);
        var duck = DuckDbDialect.Build(plan);
        var sparkQuery = NeutralSql.FromSpark(SparkQuery(script));
        var (duckView, sparkView) = (TypedSelect(plan), SparkTypedView(script));

        Assert.Equal(sparkQuery, Query(plan, duck.Sql, duck.Parameters));
        Assert.NotEqual(sparkQuery, Query(plan, Once(duck.Sql, "AS BIGINT) AS \"cases\"", "AS HUGEINT) AS \"cases\""), duck.Parameters));
        Assert.NotEqual(sparkQuery, Query(plan, Once(duck.Sql, "NULLS LAST", "NULLS FIRST"), duck.Parameters));
        Assert.NotEqual(NeutralSql.FromSpark(sparkView), NeutralSql.FromDuckDb(Once(duckView, "[0-9]+", "[0-9]*"), []));
        Assert.NotEqual(NeutralSql.FromSpark(sparkView), NeutralSql.FromDuckDb(Once(duckView, "%m/%d/%Y", "%d/%m/%Y"), []));
        Assert.NotEqual(NeutralSql.FromSpark(sparkView), NeutralSql.FromDuckDb(Once(duckView, "TRY_CAST", "CAST"), []));
    }

    private static void AssertAgree(AnalysisPlan plan, string script)
    {
        var duck = DuckDbDialect.Build(plan);
        Assert.Equal(NeutralSql.FromSpark(SparkQuery(script)), Query(plan, duck.Sql, duck.Parameters));
        if (plan.Dataset.Storage == DatasetStorage.CsvInPlace)
        {
            Assert.Equal(NeutralSql.FromSpark(SparkTypedView(script)), NeutralSql.FromDuckDb(TypedSelect(plan), []));
        }
    }

    /// <summary>The neutral DuckDB query with its source (read_parquet, or the typed CSV read) standing in as the view Spark's query reads.</summary>
    private static string Query(AnalysisPlan plan, string sql, IReadOnlyList<object> parameters)
    {
        // Compared in neutral form: the query indents the source it embeds.
        var (query, source) = (NeutralSql.FromDuckDb(sql, parameters), NeutralSql.FromDuckDb(DuckDbSource.For(plan.Dataset), []));
        Assert.Contains(source, query, StringComparison.Ordinal);
        return query.Replace(source, NeutralSql.FromSpark(SparkSqlDialect.Identifier(SparkSqlDialect.ViewName)), StringComparison.Ordinal);
    }

    /// <summary>The typed SELECT list over the CSV's text columns, up to its FROM.</summary>
    private static string TypedSelect(AnalysisPlan plan)
    {
        var read = DuckDbSource.InPlace(plan.Dataset.Schema, plan.Dataset.FileLayout, plan.Dataset.OriginalPath);
        return read[..read.IndexOf("\n  FROM (", StringComparison.Ordinal)];
    }

    private static string SparkQuery(string script)
    {
        const string Insert = "USING json OPTIONS (ignoreNullFields 'false')\n";
        var query = script[(script.IndexOf(Insert, StringComparison.Ordinal) + Insert.Length)..];
        return query.EndsWith(";\n", StringComparison.Ordinal) ? query[..^2] : throw new InvalidOperationException("the script does not end with its query");
    }

    private static string SparkTypedView(string script) =>
        TypedView().Match(script) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("the script has no typed view");

    private static string Once(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{what}' is not in the text");
        return text[..at] + with + text[(at + what.Length)..];
    }

    [GeneratedRegex(@"CREATE OR REPLACE TEMPORARY VIEW `dataset` AS\n(SELECT .*?)\nFROM `dataset_csv`;", RegexOptions.Singleline)]
    private static partial Regex TypedView();
}
