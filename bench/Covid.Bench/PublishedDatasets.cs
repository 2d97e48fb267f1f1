using Covid.Server.Datasets;
using Covid.Server.Storage;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Microsoft.Extensions.Options;

namespace Covid.Bench;

/// <summary>
/// The datasets a server process published in its data directory, read (never written) from its
/// version folders: baselines then read the very Parquet files the server reads.
/// </summary>
internal sealed class PublishedDatasets(string dataDirectory) : IDatasetLookup
{
    private readonly DataLayout layout = new(Options.Create(new DataOptions { Directory = dataDirectory }));

    public DatasetInfo? Find(string name) => Versions(name).LastOrDefault();

    public IEnumerable<string> Names =>
        Directory.EnumerateDirectories(layout.DatasetsRoot).Select(Path.GetFileName).OfType<string>().Where(DatasetNames.IsValid);

    public IReadOnlyList<DatasetInfo> Versions(string name)
    {
        var dir = layout.DatasetDirectory(name);
        return !Directory.Exists(dir) ? [] :
            [.. Directory.EnumerateDirectories(dir, DataLayout.VersionPrefix + "*")
                .Select(version => DatasetFiles.ReadMetadata(version)?.ToInfo(version, SchemaCatalog.BuiltIn))
                .OfType<DatasetInfo>()
                .OrderBy(info => info.Version)];
    }
}
