using System.Collections.Concurrent;
using System.Text.Json;
using Covid.Server.Storage;
using Covid.Server.Tenancy;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;

namespace Covid.Server.Datasets;

/// <summary>
/// The loaded datasets. A dataset becomes visible only by <see cref="Publish"/>, which moves a
/// fully written staging directory into place with one rename; readers never see half a dataset.
/// Each name has a <see cref="DatasetAccess"/>: callers see their own datasets and the shared ones,
/// and one they may not see is answered as if it did not exist.
/// </summary>
public sealed class DatasetRegistry(DataLayout layout, DatasetUses uses, SchemaCatalog catalog, ILogger<DatasetRegistry> logger) : IDatasetLookup, ITenantDatasets
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly ConcurrentDictionary<string, DatasetInfo> datasets = new();
    private readonly ConcurrentDictionary<string, DatasetAccess> access = new();
    private readonly Lock publishGate = new();

    /// <summary>Any dataset, whoever owns it: for the server itself (recovery, engines), not for callers.</summary>
    public DatasetInfo? Find(string name) => datasets.TryGetValue(name, out var info) ? info : null;

    public IEnumerable<string> Names => datasets.Keys.Order(StringComparer.Ordinal);

    public IReadOnlyList<DatasetInfo> All() => datasets.Values.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();

    /// <summary>Owner and sharing of a loaded name; the anonymous principal's for one that has none recorded.</summary>
    public DatasetAccess AccessOf(string name) => access.TryGetValue(name, out var a) ? a : new(Caller.AnonymousPrincipal, false, false);

    public bool CanRead(Caller caller, string name) => datasets.ContainsKey(name) && (AccessOf(name).Shared || caller.CanSee(AccessOf(name).Owner));

    /// <summary>The datasets <paramref name="caller"/> may read, by name.</summary>
    public IReadOnlyList<DatasetInfo> All(Caller caller) => All().Where(d => CanRead(caller, d.Name)).ToList();

    public IDatasetLookup VisibleTo(Caller caller) => new CallerView(this, caller);

    public IDisposable Use(DatasetInfo planned) => uses.Take(planned, Find(planned.Name));

    /// <summary>Bytes of the original files of the datasets <paramref name="owner"/> loaded.</summary>
    public long StoredBytes(string owner) =>
        datasets.Values.Where(d => AccessOf(d.Name) is { BuiltIn: false } a && a.Owner == owner).Sum(d => d.SizeBytes);

    /// <summary>The server loaded <paramref name="name"/> itself (seed, sample): shared with all, replaced only by admins.</summary>
    public void MarkBuiltIn(string name) => access[name] = DatasetAccess.ServerBuiltIn;

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
                    access[name] = new DatasetAccess(Caller.OwnerOrAnonymous(metadata.Owner), metadata.Shared, BuiltIn: false);
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
        MarkBuiltIn(info.Name);
    }

    /// <summary>
    /// Whether <paramref name="write"/> may load its name: ALREADY_EXISTS unless the name is free or
    /// the caller means to (and may) replace it; PERMISSION_DENIED for a user sharing a dataset or
    /// replacing a built-in or shared one. A name another user holds privately is just "taken".
    /// </summary>
    public void EnsureWritable(DatasetWrite write)
    {
        var name = write.Name;
        var caller = write.Caller;
        if (write.Shared && !caller.IsAdmin)
        {
            throw new ServiceException(ErrorCode.PermissionDenied, $"only an admin may share a dataset; load \"{name}\" without shared");
        }
        if (!datasets.TryGetValue(name, out var existing))
        {
            return;
        }
        if (existing.Storage == DatasetStorage.CsvInPlace)
        {
            throw ServiceException.AlreadyExists($"dataset \"{name}\" is a CSV registered in place by the server's configuration (Data:InPlace) and cannot be replaced; choose another name");
        }
        if (!CanRead(caller, name))
        {
            throw ServiceException.AlreadyExists($"the dataset name \"{name}\" is taken; choose another name");
        }
        var current = AccessOf(name);
        if ((current.BuiltIn || current.Shared) && !caller.IsAdmin)
        {
            throw new ServiceException(ErrorCode.PermissionDenied,
                $"dataset \"{name}\" is {(current.BuiltIn ? "built in" : "shared with every user")}; only an admin may load a new version of it or replace it");
        }
        if (!write.Replace)
        {
            throw ServiceException.AlreadyExists($"dataset \"{name}\" already exists; upload with replace to overwrite it");
        }
    }

    /// <summary>The access a successful <paramref name="write"/> leaves: a replaced name keeps its owner; sharing is only ever added.</summary>
    private DatasetAccess AccessAfter(DatasetWrite write) =>
        access.TryGetValue(write.Name, out var current) && datasets.ContainsKey(write.Name)
            ? current with { Shared = current.Shared || write.Shared }
            : write.Caller == Caller.System ? DatasetAccess.ServerBuiltIn : new DatasetAccess(write.Caller.Principal, write.Shared, BuiltIn: false);

    /// <summary>
    /// Makes a staged dataset (original.csv and data.parquet written) visible under its name.
    /// A replaced dataset is moved aside first and deleted after, so the name is never empty or mixed.
    /// </summary>
    public DatasetInfo Publish(string stagingDirectory, DatasetInfo staged, DatasetWrite write)
    {
        var target = layout.DatasetDirectory(staged.Name);
        lock (publishGate)
        {
            EnsureWritable(write);
            var after = AccessAfter(write);
            var metadata = DatasetMetadata.From(staged, after);
            AtomicFile.WriteText(Path.Combine(stagingDirectory, DataLayout.MetadataFile), JsonSerializer.Serialize(metadata, Json));
            string? aside = null;
            if (Directory.Exists(target))
            {
                aside = Path.Combine(layout.Staging, Guid.NewGuid().ToString("N") + "-replaced");
                Directory.Move(target, aside);
            }
            Directory.Move(stagingDirectory, target);
            var info = metadata.ToInfo(target, catalog)!;
            datasets[info.Name] = info;
            access[info.Name] = after;
            if (aside is not null)
            {
                TryDelete(aside);
            }
            logger.LogInformation("Dataset {Name} loaded: {Rows} rows from {Source}", info.Name, info.RowCount, info.Source);
            return info;
        }
    }

    /// <summary>
    /// Removes <paramref name="name"/> and its files unless a queued or running analysis uses it
    /// (FAILED_PRECONDITION). Its directory is moved aside in one rename first, so the name is
    /// gone at once and a crash mid-delete leaves only staging leftovers, removed at the next start.
    /// </summary>
    public void Remove(string name)
    {
        if (uses.TryRetire(name) is var inUse and > 0)
        {
            throw ServiceException.FailedPrecondition(
                $"dataset \"{name}\" is read by {inUse} queued or running {(inUse == 1 ? "analysis" : "analyses")}; cancel {(inUse == 1 ? "it" : "them")} or wait until {(inUse == 1 ? "it finishes" : "they finish")}, then delete it");
        }
        try
        {
            string aside;
            lock (publishGate)
            {
                aside = Path.Combine(layout.Staging, Guid.NewGuid().ToString("N") + "-deleted");
                Directory.CreateDirectory(layout.Staging);
                Directory.Move(layout.DatasetDirectory(name), aside);
                datasets.TryRemove(name, out _);
                access.TryRemove(name, out _);
            }
            TryDelete(aside);
            logger.LogInformation("Dataset {Name} deleted", name);
        }
        finally
        {
            uses.EndRetiring(name);
        }
    }

    /// <summary>Records whether <paramref name="name"/> is shared, in memory and in its dataset.json (written atomically).</summary>
    public DatasetInfo Reshare(string name, bool shared)
    {
        lock (publishGate)
        {
            var info = Find(name) ?? throw ServiceException.NotFound($"dataset \"{name}\" does not exist");
            var after = AccessOf(name) with { Shared = shared };
            AtomicFile.WriteText(Path.Combine(layout.DatasetDirectory(name), DataLayout.MetadataFile), JsonSerializer.Serialize(DatasetMetadata.From(info, after), Json));
            access[name] = after;
            logger.LogInformation("Dataset {Name} is {Sharing}", name, shared ? "shared" : "private to its owner");
            return info;
        }
    }

    private sealed class CallerView(DatasetRegistry registry, Caller caller) : IDatasetLookup
    {
        public DatasetInfo? Find(string name) => registry.CanRead(caller, name) ? registry.Find(name) : null;

        public IEnumerable<string> Names => registry.Names.Where(n => registry.CanRead(caller, n));
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
