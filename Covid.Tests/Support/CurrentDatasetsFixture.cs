using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Support;

/// <summary>The six current surveillance exports, each ingested once (validated, typed Parquet) under its schema's name.</summary>
public sealed class CurrentDatasetsFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly Dictionary<string, DatasetInfo> _datasets = new(StringComparer.Ordinal);

    internal TestDatasets Lookup => new([.. _datasets.Values]);

    public DatasetInfo this[string schema] => _datasets[schema];

    public async Task InitializeAsync()
    {
        foreach (var (schemaName, file) in CurrentCdcFiles.BySchema)
        {
            var schema = SchemaCatalog.BuiltIn.Get(schemaName);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            _datasets[schemaName] = await DatasetIngestor.IngestAsync(schemaName, schema, CdcFiles.Get(file), _dir.File(schemaName + ".parquet"),
                "file:" + file, synthetic: false, timeout.Token);
        }
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
