using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Samples;
using Covid.Tests.Support;

namespace Covid.Tests.SparkJob;

/// <summary>
/// The real 2021-05-30 export of 9mfq-cb36, ingested once into a temporary directory for every
/// test in the collection, and parsed independently of the engine for expected values.
/// </summary>
public sealed class RealDataFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "covid-engine-tests-" + Guid.NewGuid().ToString("N"));

    public DatasetInfo Dataset { get; private set; } = null!;

    public IReadOnlyList<IndependentRow> Rows { get; private set; } = [];

    internal TestDatasets Lookup => new(Dataset);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var csv = CdcFiles.Get(CdcFiles.CasesDeaths2021);
        Dataset = await DatasetIngestor.IngestAsync(
            TestSchemas.CasesDeathsName, TestSchemas.CasesDeaths, csv, Path.Combine(_directory, "data.parquet"),
            "file:" + csv, false, CancellationToken.None);
        Rows = IndependentRow.ReadAll(csv);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class RealDataCollection : ICollectionFixture<RealDataFixture>
{
    public const string Name = "Real CDC 9mfq-cb36 export";
}
