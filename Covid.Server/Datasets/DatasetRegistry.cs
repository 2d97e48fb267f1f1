using System.Collections.Concurrent;
using System.Text.Json;
using Covid.Server.Storage;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;

namespace Covid.Server.Datasets;

/// <summary>
/// The loaded datasets. A dataset becomes visible only by <see cref="Publish"/>, which moves a
/// fully written staging directory into place with one rename; readers never see half a dataset.
/// </summary>
public sealed class DatasetRegistry(DataLayout layout, SchemaCatalog catalog, ILogger<DatasetRegistry> logger) : IDatasetLookup
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly ConcurrentDictionary<string, DatasetInfo> datasets = new();
    private readonly Lock publishGate = new();

    public DatasetInfo? Find(string name) => datasets.TryGetValue(name, out var info) ? info : null;

    public IEnumerable<string> Names => datasets.Keys.Order(StringComparer.Ordinal);

    public IReadOnlyList<DatasetInfo> All() => datasets.Values.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();

    /// <summary>Reads every dataset directory at start; leftovers of uploads cut short by a crash are removed.</summary>
    public void Load()
    {
        if (Directory.Exists(layout.Staging))
        {
            Directory.Delete(layout.Staging, recursive: true);
        }
        Directory.CreateDirectory(layout.DatasetsRoot);
        foreach (var dir in Directory.EnumerateDirectories(layout.DatasetsRoot))
        {
            var name = Path.GetFileName(dir);
            if (!DatasetNames.IsValid(name))
            {
                continue;
            }
            try
            {
                var metadata = JsonSerializer.Deserialize<DatasetMetadata>(File.ReadAllText(Path.Combine(dir, DataLayout.MetadataFile)), Json);
                if (metadata?.ToInfo(dir, catalog) is { } info && info.Name == name && File.Exists(info.ParquetPath))
                {
                    datasets[name] = info;
                }
                else
                {
                    logger.LogWarning("Skipping dataset directory {Directory}: incomplete or unknown schema", dir);
                }
            }
            catch (Exception ex) when (ex is IOException or JsonException)
            {
                logger.LogWarning("Skipping dataset directory {Directory}: {Message}", dir, ex.Message);
            }
        }
        logger.LogInformation("Loaded {Count} datasets from {Root}", datasets.Count, layout.DatasetsRoot);
    }

    /// <summary>Adds a CSV read in place (<c>Data:InPlace</c>); its name then belongs to the configuration.</summary>
    public void RegisterInPlace(DatasetInfo info)
    {
        if (!datasets.TryAdd(info.Name, info))
        {
            throw new InvalidOperationException($"Data:InPlace:{info.Name}: a dataset named \"{info.Name}\" is already loaded; choose another name");
        }
    }

    /// <summary>ALREADY_EXISTS unless the name is free or the caller means to replace it.</summary>
    public void EnsureAvailable(string name, bool replace)
    {
        if (datasets.TryGetValue(name, out var existing) && existing.Storage == DatasetStorage.CsvInPlace)
        {
            throw ServiceException.AlreadyExists($"dataset \"{name}\" is a CSV registered in place by the server's configuration (Data:InPlace) and cannot be replaced; choose another name");
        }
        if (!replace && datasets.ContainsKey(name))
        {
            throw ServiceException.AlreadyExists($"dataset \"{name}\" already exists; upload with replace to overwrite it");
        }
    }

    /// <summary>
    /// Makes a staged dataset (original.csv and data.parquet written) visible under its name.
    /// A replaced dataset is moved aside first and deleted after, so the name is never empty or mixed.
    /// </summary>
    public DatasetInfo Publish(string stagingDirectory, DatasetInfo staged, bool replace)
    {
        var metadata = DatasetMetadata.From(staged);
        AtomicFile.WriteText(Path.Combine(stagingDirectory, DataLayout.MetadataFile), JsonSerializer.Serialize(metadata, Json));
        var target = layout.DatasetDirectory(staged.Name);
        lock (publishGate)
        {
            EnsureAvailable(staged.Name, replace);
            string? aside = null;
            if (Directory.Exists(target))
            {
                aside = Path.Combine(layout.Staging, Guid.NewGuid().ToString("N") + "-replaced");
                Directory.Move(target, aside);
            }
            Directory.Move(stagingDirectory, target);
            var info = metadata.ToInfo(target, catalog)!;
            datasets[info.Name] = info;
            if (aside is not null)
            {
                TryDelete(aside);
            }
            logger.LogInformation("Dataset {Name} loaded: {Rows} rows from {Source}", info.Name, info.RowCount, info.Source);
            return info;
        }
    }

    private void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException ex)
        {
            logger.LogWarning("Could not delete {Directory} (removed at next start): {Message}", dir, ex.Message);
        }
    }
}
