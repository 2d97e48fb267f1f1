using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Samples;
using Covid.Tests.Support;

namespace Covid.Tests.Support;

/// <summary>An in-memory dataset registry for planning tests; infos of one name are its versions.</summary>
internal sealed class TestDatasets(params DatasetInfo[] datasets) : IDatasetLookup
{
    public DatasetInfo? Find(string name) => datasets.Where(d => d.Name == name).MaxBy(d => d.Version);

    public IEnumerable<string> Names => datasets.Select(d => d.Name).Distinct();

    public IReadOnlyList<DatasetInfo> Versions(string name) => datasets.Where(d => d.Name == name).OrderBy(d => d.Version).ToList();

    /// <summary>The CDC dataset registered at a Parquet path that planning never opens.</summary>
    public static TestDatasets CasesDeaths(string parquetPath = "/data/datasets/cdc-cases-deaths-by-state/data.parquet") =>
        new(Info(parquetPath));

    public static DatasetInfo Info(string parquetPath, string name = TestSchemas.CasesDeathsName) =>
        new(name, TestSchemas.CasesDeaths, parquetPath, parquetPath + ".csv", "test", false, 0, 0, null, null, DateTimeOffset.UnixEpoch);
}
