using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Samples;
using Covid.Tests.SparkJob;
using Covid.Tests.Support;

namespace Covid.Tests.Data;

/// <summary>The real exports of the issue-3 datasets in ../shared/data/cdc/, ingested once per test class.</summary>
public sealed class RealData : IAsyncLifetime
{
    public const string Vaccinations = "cdc_unsk-b7fc_vaccinations_jurisdiction_2021-05-30.csv";
    public const string CovidNetFile = "cdc_covidnet_hospitalization_rates_2021-11-12.csv";

    private readonly TempDirectory _dir = new();

    public DatasetInfo VaccinationsInfo { get; private set; } = null!;

    public DatasetInfo CovidNetInfo { get; private set; } = null!;

    public DatasetInfo Cases2020Info { get; private set; } = null!;

    internal TestDatasets Lookup => new(VaccinationsInfo, CovidNetInfo, Cases2020Info);

    public async Task InitializeAsync()
    {
        VaccinationsInfo = await Ingest(TestSchemas.Vaccinations, Vaccinations);
        CovidNetInfo = await Ingest(TestSchemas.CovidNet, CovidNetFile);
        Cases2020Info = await Ingest(TestSchemas.CasesDeaths, CdcFiles.CasesDeaths2020);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private async Task<DatasetInfo> Ingest(DatasetSchema schema, string file)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await DatasetIngestor.IngestAsync(schema.Name, schema, CdcFiles.Get(file), _dir.File(schema.Name + ".parquet"),
            "file:" + file, synthetic: false, timeout.Token);
    }
}
