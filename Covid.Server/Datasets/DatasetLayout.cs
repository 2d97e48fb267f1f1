using Covid.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Covid.Server.Datasets;

/// <summary>
/// Where datasets live: <c>{Data}/datasets/{name}/</c> with original.csv, data.parquet and
/// dataset.json; uploads are assembled in <c>{Data}/datasets/.staging/{guid}/</c> first. The
/// staging area sits on the same file system so making a dataset visible is one rename.
/// </summary>
public sealed class DatasetLayout(IOptions<DataOptions> options)
{
    public const string OriginalFile = "original.csv";
    public const string ParquetFile = "data.parquet";
    public const string MetadataFile = "dataset.json";

    public string Root { get; } = Path.Combine(options.Value.FullDirectory, "datasets");

    public string Staging => Path.Combine(Root, ".staging");

    public string DatasetDirectory(string name) => Path.Combine(Root, name);

    public string NewStagingDirectory()
    {
        var dir = Path.Combine(Staging, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
