using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;

namespace Covid.Tests.Support.Cdc;

/// <summary>
/// The real exports in ../shared/data/cdc/, ingested once for every test in the collection: both
/// 9mfq-cb36 exports, unsk-b7fc and COVID-NET; and the 2021-05-30 export parsed independently of
/// the engine for expected values.
/// </summary>
public sealed class RealData : IAsyncLifetime
{
    public const string Vaccinations = "cdc_unsk-b7fc_vaccinations_jurisdiction_2021-05-30.csv";
    public const string CovidNetFile = "cdc_covidnet_hospitalization_rates_2021-11-12.csv";

    private readonly TempDirectory _dir = new("covid-real-data-");

    public DatasetInfo Cases2021Info { get; private set; } = null!;

    public DatasetInfo Cases2020Info { get; private set; } = null!;

    public DatasetInfo VaccinationsInfo { get; private set; } = null!;

    public DatasetInfo CovidNetInfo { get; private set; } = null!;

    /// <summary>The 2021-05-30 export as <see cref="CdcRecord"/> reads it, for the reference evaluator.</summary>
    internal IReadOnlyList<IReadOnlyDictionary<string, object?>> Cases2021Records { get; private set; } = [];

    /// <summary>The same lines as typed rows.</summary>
    public IReadOnlyList<IndependentRow> Cases2021Rows { get; private set; } = [];

    /// <summary>The 2021-05-30 export as cdc-cases-deaths-by-state.</summary>
    internal TestDatasets Cases2021 => new(Cases2021Info);

    /// <summary>
    /// The issue-3 datasets, with the 2020-09-23 export as cdc-cases-deaths-by-state: both exports
    /// carry that name, so they cannot share one lookup.
    /// </summary>
    internal TestDatasets Lookup => new(VaccinationsInfo, CovidNetInfo, Cases2020Info);

    public async Task InitializeAsync()
    {
        var ingested = await Task.WhenAll(
            Ingest(TestSchemas.CasesDeaths, CdcFiles.CasesDeaths2021),
            Ingest(TestSchemas.CasesDeaths, CdcFiles.CasesDeaths2020),
            Ingest(TestSchemas.Vaccinations, Vaccinations),
            Ingest(TestSchemas.CovidNet, CovidNetFile));
        (Cases2021Info, Cases2020Info, VaccinationsInfo, CovidNetInfo) = (ingested[0], ingested[1], ingested[2], ingested[3]);
        Cases2021Records = CdcRecord.ReadAll(CdcFiles.Get(CdcFiles.CasesDeaths2021));
        Cases2021Rows = Cases2021Records.Select(IndependentRow.From).ToList();
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private async Task<DatasetInfo> Ingest(DatasetSchema schema, string file)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await DatasetIngestor.IngestAsync(schema.Name, schema, CdcFiles.Get(file), _dir.File(Path.GetFileNameWithoutExtension(file) + ".parquet"),
            "file:" + file, synthetic: false, timeout.Token);
    }
}

[CollectionDefinition(Name)]
public sealed class RealDataCollection : ICollectionFixture<RealData>
{
    public const string Name = "Real CDC exports";
}
