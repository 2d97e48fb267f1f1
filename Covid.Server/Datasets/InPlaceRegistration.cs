using Covid.Server.Storage;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Microsoft.Extensions.Options;

namespace Covid.Server.Datasets;

/// <summary>
/// Registers the CSVs of <c>Data:InPlace</c> at start, to be analysed where they lie.
/// </summary>
/// <remarks>
/// Configuration, not an RPC, on purpose: pointing the server at a file already on its volume is
/// an operator's decision about the server's own disk. An RPC taking a path would let any client
/// probe which files exist and make the server read them; with configuration only whoever deploys
/// the server chooses, and even then only files under <c>Data:Directory</c> (the shared volume)
/// are accepted, so a typo cannot expose /etc. A bad entry stops the start with a clear message
/// rather than leaving a dataset silently missing.
/// </remarks>
public sealed class InPlaceRegistration(DatasetRegistry registry, InPlaceVersions versions, SchemaCatalog catalog, IOptions<DataOptions> options, ILogger<InPlaceRegistration> logger)
{
    public void RegisterAll()
    {
        foreach (var (name, entry) in options.Value.InPlace.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var info = versions.Stamp(Resolve(name, entry));
            registry.RegisterInPlace(info);
            logger.LogInformation("Dataset {Name} registered in place: {Path} (~{Rows} rows of {Schema}, read without conversion)",
                name, info.OriginalPath, info.RowCount, info.Schema.Name);
        }
    }

    private DatasetInfo Resolve(string name, InPlaceDataset entry)
    {
        var key = $"Data:InPlace:{name}";
        if (!DatasetNames.IsValid(name))
        {
            throw new InvalidOperationException($"{key}: \"{name}\" is not a dataset name: {DatasetNames.Rule}");
        }
        var schema = catalog.Find(entry.Schema)
            ?? throw new InvalidOperationException($"{key}:Schema: unknown schema \"{entry.Schema}\"; known schemas: {string.Join(", ", catalog.Names)}");
        if (entry.Path.Length == 0)
        {
            throw new InvalidOperationException($"{key}:Path is required");
        }
        var root = options.Value.FullDirectory;
        var path = Path.GetFullPath(Path.Combine(root, entry.Path));
        // Resolve links too: a link under the data directory must not lead outside it.
        var target = File.Exists(path) ? new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path : path;
        if (!IsUnder(path, root) || !IsUnder(target, root))
        {
            throw new InvalidOperationException($"{key}:Path {path} is not under Data:Directory {root}; only files on the data volume can be read in place");
        }
        try
        {
            return InPlaceCsv.Register(name, schema, path, "inplace:" + Path.GetRelativePath(root, path), entry.Synthetic);
        }
        catch (Exception ex) when (ex is DatasetFormatException or ArgumentException or IOException)
        {
            throw new InvalidOperationException($"{key}: {path} cannot be registered: {ex.Message}", ex);
        }
    }

    private static bool IsUnder(string path, string root) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
