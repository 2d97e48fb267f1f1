using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Deploy;

/// <summary>Every example the demo runs is a valid spec over its dataset and gives rows on the real export.</summary>
public sealed class ExampleSpecsTests(CurrentDatasetsFixture data) : IClassFixture<CurrentDatasetsFixture>, IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private DatasetInfo _cases = null!;

    public static TheoryData<string> Examples => new(Directory.GetFiles(Path.Combine(CdcFiles.RepoRoot, "deploy", "examples"), "*.json").Select(Path.GetFileName)!);

    public async Task InitializeAsync() =>
        _cases = await DatasetIngestor.IngestAsync(TestSchemas.CasesDeathsName, TestSchemas.CasesDeaths, CdcFiles.Get(CdcFiles.CasesDeaths2021),
            _dir.File("cases.parquet"), "test", false, CancellationToken.None);

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_RunsOnItsRealDataset(string file)
    {
        var spec = Specs.Parse(File.ReadAllText(Path.Combine(CdcFiles.RepoRoot, "deploy", "examples", file)));
        var datasets = new TestDatasets([.. CurrentCdcFiles.BySchema.Keys.Select(k => data[k]), _cases]);

        var table = await EngineHarness.RunAsync(spec, datasets);

        Assert.NotEmpty(table.Rows);
        Assert.NotNull(spec.Plot);
    }
}
