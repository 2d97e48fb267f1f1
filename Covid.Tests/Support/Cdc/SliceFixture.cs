using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Samples;

namespace Covid.Tests.Support.Cdc;

/// <summary>
/// A small real-data slice for property tests: three weeks of October 2020 for seven
/// jurisdictions (with NYC and GU, which have no population) from the 2021-05-30 export, lines
/// copied verbatim, ingested like an upload, and parsed by hand for the reference computation.
/// Apart from <see cref="RealData"/> on purpose: 200 generated specs each run twice (DuckDB and the
/// reference), which a few hundred rows keep fast and the whole export would not.
/// </summary>
public sealed class SliceFixture : IAsyncLifetime
{
    private static readonly HashSet<string> States = ["NY", "NYC", "CA", "VT", "GU", "TX", "ND"];
    private readonly TempDirectory _directory = new("covid-slice-");

    internal TestDatasets Lookup { get; private set; } = null!;

    internal IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var source = File.ReadAllLines(CdcFiles.Get(CdcFiles.CasesDeaths2021));
        var lines = source.Skip(1).Where(l =>
        {
            var cells = l.Split(',');
            return States.Contains(cells[1]) && cells[0].StartsWith("10/", StringComparison.Ordinal) && cells[0].EndsWith("/2020", StringComparison.Ordinal)
                   && int.Parse(cells[0][3..5], System.Globalization.CultureInfo.InvariantCulture) <= 21;
        }).ToList();
        Assert.Equal(States.Count * 21, lines.Count);
        var csv = _directory.File("slice.csv");
        await File.WriteAllLinesAsync(csv, [source[0], .. lines]);
        var info = await DatasetIngestor.IngestAsync(TestSchemas.CasesDeathsName, TestSchemas.CasesDeaths, csv, _directory.File("data.parquet"), "file:" + csv, false, CancellationToken.None);
        Lookup = new TestDatasets(info);
        Rows = CdcRecord.ReadAll(csv);
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
