using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;
using Covid.Tests.Support.Reference;
using Covid.Tests.Support.Sql;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Sql;

/// <summary>
/// The Spark script of each <see cref="CurrentSpec"/> is pinned as a golden (set COVID_UPDATE_GOLDENS=1
/// to rewrite after a deliberate change, then review the diff), parses with Spark's grammar, and the
/// DuckDB twin runs on the real file — reading a CSV in place gives what its Parquet copy gives.
/// </summary>
public sealed class CurrentGoldenScriptTests(CurrentDatasetsFixture data) : IClassFixture<CurrentDatasetsFixture>
{
    private const string ResultDirectory = "/data/results/golden/spark-output";

    /// <summary>Beside the representative goldens, in their own folder so each set is checked for strays on its own.</summary>
    private static string GoldenDirectory => Path.Combine(CdcFiles.RepoRoot, "Covid.Tests", "Core", "Sql", "Golden", "Current");

    public static TheoryData<string> Names => new(CurrentSpec.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Build_CurrentSpec_MatchesGolden(string name)
    {
        var spec = CurrentSpec.All.Single(s => s.Name == name);
        var expected = $"-- golden: {spec.Name}\n-- Spark features: {spec.SparkFeatures}\n" + Script(spec);
        var path = Path.Combine(GoldenDirectory, name + ".sql");
        if (Environment.GetEnvironmentVariable("COVID_UPDATE_GOLDENS") == "1")
        {
            File.WriteAllText(path, expected);
        }
        Assert.True(File.Exists(path), $"golden {path} is missing; run with COVID_UPDATE_GOLDENS=1 and review it");
        Assert.Equal(File.ReadAllText(path), expected);
    }

    [Fact]
    public void Goldens_Folder_HoldsExactlyTheCurrentSpecs()
    {
        var files = Directory.GetFiles(GoldenDirectory, "*.sql")
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(CurrentSpec.All.Select(s => s.Name).Order(StringComparer.Ordinal), files);
    }

    [SkippableFactIfGateMissing]
    public void Gate_CurrentSpecScripts_ParseAsSparkSql()
    {
        var errors = SparkSyntaxGate.Check(CurrentSpec.All.ToDictionary(s => s.Name, Script));

        Assert.All(errors, e => Assert.True(e.Value.Count == 0, $"{e.Key}: {string.Join("; ", e.Value)}"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Run_CurrentSpec_OnTheRealFileGivesRowsAndInPlaceEqualsParquet(string name)
    {
        var spec = CurrentSpec.All.Single(s => s.Name == name);
        var parquet = await EngineHarness.RunAsync(spec.Spec, data.Lookup);

        Assert.NotEmpty(parquet.Rows);
        Assert.Equal(AnalysisPlanner.Plan(spec.Spec, data.Lookup).Columns, parquet.Columns);
        if (spec.Storage == DatasetStorage.CsvInPlace)
        {
            var stored = data[spec.Spec.Dataset];
            var inPlace = InPlaceCsv.Register(stored.Name, stored.Schema, stored.OriginalPath, "test", synthetic: false);
            var read = await EngineHarness.RunAsync(spec.Spec, new TestDatasets(inPlace));
            AssertTables.Equal(parquet.Columns.Select(c => c.Name).ToList(), parquet.Rows, read);
        }
    }

    /// <summary>The script over fixed paths, for the layout the real file has (a SODA file's columns in its order).</summary>
    private string Script(CurrentSpec spec)
    {
        var schema = SchemaCatalog.BuiltIn.Get(spec.Spec.Dataset);
        var dir = $"/data/datasets/{schema.Name}";
        var info = spec.Storage == DatasetStorage.CsvInPlace
            ? new DatasetInfo(schema.Name, schema, "", dir + "/original.csv", "test", false, 0, 0, null, null, DateTimeOffset.UnixEpoch, DatasetStorage.CsvInPlace)
            : new DatasetInfo(schema.Name, schema, dir + "/data.parquet", dir + "/original.csv", "test", false, 0, 0, null, null, DateTimeOffset.UnixEpoch);
        info = info with { Layout = data[schema.Name].Layout };
        var plan = AnalysisPlanner.Plan(spec.Spec, new TestDatasets(info));
        return SparkSqlDialect.Build(plan, info.ReadPath, ResultDirectory);
    }
}
