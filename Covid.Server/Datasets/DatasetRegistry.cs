using System.Collections.Concurrent;
using Covid.Server.Storage;
using Covid.Server.Tenancy;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;

namespace Covid.Server.Datasets;

/// <summary>
/// The loaded datasets and their versions. Every load of a name is a new immutable version that
/// becomes visible only by <see cref="Publish"/>: one rename of its fully written staging
/// directory into a directory of its own, so readers never see half a version and nothing
/// published is ever moved aside. The oldest versions beyond <c>Data:KeepVersions</c> are pruned,
/// except those queued or running analyses read (<see cref="DatasetUses"/>). Each name has a
/// <see cref="DatasetAccess"/>: callers see their own datasets and the shared ones, and one they
/// may not see is answered as if it did not exist.
/// </summary>
public sealed class DatasetRegistry(
    DataLayout layout, DatasetUses uses, DatasetDirectoryReader reader, DatasetPruner pruner, SchemaCatalog catalog, ILogger<DatasetRegistry> logger)
    : IDatasetLookup, ITenantDatasets
{
    private readonly ConcurrentDictionary<string, DatasetEntry> entries = new(StringComparer.Ordinal);
    private readonly Lock publishGate = new();

    /// <summary>The newest version of any dataset, whoever owns it: for the server itself (recovery, engines), not for callers.</summary>
    public DatasetInfo? Find(string name) => entries.TryGetValue(name, out var entry) ? entry.Newest : null;

    /// <summary>Every kept version of <paramref name="name"/>, oldest first.</summary>
    public IReadOnlyList<DatasetInfo> Versions(string name) => entries.TryGetValue(name, out var entry) ? entry.Versions : [];

    public DatasetInfo? FindVersion(string name, int version) => entries.TryGetValue(name, out var entry) ? entry.Version(version) : null;

    public IEnumerable<string> Names => entries.Keys.Order(StringComparer.Ordinal);

    /// <summary>The newest version of every dataset, by name.</summary>
    public IReadOnlyList<DatasetInfo> All() => entries.Values.Select(e => e.Newest).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();

    /// <summary>Owner and sharing of a loaded name; the anonymous principal's for one that has none recorded.</summary>
    public DatasetAccess AccessOf(string name) => entries.TryGetValue(name, out var entry) ? entry.Access : new(Caller.AnonymousPrincipal, false, false);

    public bool CanRead(Caller caller, string name) => entries.TryGetValue(name, out var entry) && (entry.Access.Shared || caller.CanSee(entry.Access.Owner));

    /// <summary>The datasets <paramref name="caller"/> may read, by name (newest versions).</summary>
    public IReadOnlyList<DatasetInfo> All(Caller caller) => All().Where(d => CanRead(caller, d.Name)).ToList();

    public IDatasetLookup VisibleTo(Caller caller) => new CallerView(this, caller);

    public IDisposable Use(DatasetInfo planned) => uses.Take(planned, () => FindVersion(planned.Name, planned.Version));

    /// <summary>Queued or running analyses reading <paramref name="version"/>.</summary>
    public int ActiveUses(DatasetInfo version) => uses.Count(version.Name, version.Version);

    /// <summary>Bytes of the original files of every kept version of the datasets <paramref name="owner"/> loaded.</summary>
    public long StoredBytes(string owner) =>
        entries.Values.Where(e => e.Access is { BuiltIn: false } a && a.Owner == owner).Sum(e => e.Versions.Sum(v => v.SizeBytes));

    /// <summary>Bytes the pruning after one more version of <paramref name="name"/> would free, as things stand.</summary>
    public long BytesFreedByNextVersion(string name) => entries.TryGetValue(name, out var entry) ? pruner.BytesFreedByNextVersion(entry) : 0;

    /// <summary>The server loaded <paramref name="name"/> itself (seed, sample): shared with all, replaced only by admins.</summary>
    public void MarkBuiltIn(string name)
    {
        lock (publishGate)
        {
            if (entries.TryGetValue(name, out var entry))
            {
                entries[name] = entry with { Access = DatasetAccess.ServerBuiltIn };
            }
        }
    }

    /// <summary>Reads every dataset name and version at start (see <see cref="DatasetDirectoryReader"/>).</summary>
    public void Load()
    {
        lock (publishGate)
        {
            entries.Clear();
            foreach (var (name, entry) in reader.ReadAll())
            {
                entries[name] = entry;
            }
        }
    }

    /// <summary>Adds a CSV read in place (<c>Data:InPlace</c>) as the name's one version; the name then belongs to the configuration.</summary>
    public void RegisterInPlace(DatasetInfo info)
    {
        if (!entries.TryAdd(info.Name, new DatasetEntry(DatasetAccess.ServerBuiltIn, [info])))
        {
            throw new InvalidOperationException($"Data:InPlace:{info.Name}: a dataset named \"{info.Name}\" is already loaded; choose another name");
        }
    }

    /// <summary>Whether <paramref name="write"/> may load a version of its name (see <see cref="DatasetWritePolicy"/>).</summary>
    public void EnsureWritable(DatasetWrite write, DatasetSchema? schema = null) =>
        DatasetWritePolicy.Check(entries.GetValueOrDefault(write.Name), write, schema, CanRead(write.Caller, write.Name));

    /// <summary>The access a successful <paramref name="write"/> leaves: a name keeps its owner; sharing is only ever added.</summary>
    private static DatasetAccess AccessAfter(DatasetWrite write, DatasetEntry? current) =>
        current is not null
            ? current.Access with { Shared = current.Access.Shared || write.Shared }
            : write.Caller == Caller.System ? DatasetAccess.ServerBuiltIn : new DatasetAccess(write.Caller.Principal, write.Shared, BuiltIn: false);

    /// <summary>
    /// Makes a staged load (original.csv and data.parquet written, hash and as-of known) the next
    /// version of its name: its dataset.json is written in the staging directory, which is then
    /// renamed to datasets/{name}/v{n} — the one step that publishes it. Versions beyond
    /// Data:KeepVersions are pruned after, oldest first, unless an analysis reads them.
    /// </summary>
    public DatasetInfo Publish(string stagingDirectory, DatasetInfo staged, DatasetWrite write)
    {
        var name = staged.Name;
        List<string> trash;
        DatasetInfo info;
        int onDiskBefore;
        lock (publishGate)
        {
            EnsureWritable(write, staged.Schema);
            var current = entries.GetValueOrDefault(name);
            var onDisk = onDiskBefore = DatasetFiles.HighestOnDisk(layout.DatasetDirectory(name));
            var number = current?.NextNumber(onDisk) ?? onDisk + 1;
            var after = AccessAfter(write, current);
            var metadata = DatasetMetadata.From(staged with { Version = number }, after);
            DatasetFiles.WriteMetadata(stagingDirectory, metadata);
            if (current is null || current.Access != after)
            {
                DatasetFiles.WriteAccess(layout, name, after);
            }
            var target = layout.VersionDirectory(name, number);
            Directory.Move(stagingDirectory, target);
            info = metadata.ToInfo(target, catalog)!;
            entries[name] = new DatasetEntry(after, [.. current?.Versions ?? [], info]);
            var (kept, retired, retiredDirectories) = pruner.Prune(entries[name]);
            entries[name] = kept;
            pruner.EndRetiring(retired);
            trash = retiredDirectories;
        }
        FlushPublished(name, firstOnDisk: onDiskBefore == 0);
        trash.ForEach(TryDelete);
        logger.LogInformation("Dataset {Name} version {Version} loaded: {Rows} rows from {Source}, data as of {AsOf}, sha256 {Sha256}",
            name, info.Version, info.RowCount, info.Source, info.AsOf, info.Sha256);
        return info;
    }

    /// <summary>
    /// The load is acknowledged once this returns, so its rename must survive a crash of the
    /// machine: the name's directory is flushed (and datasets/ too when the name is new). A failed
    /// flush is logged, not thrown: the version is published and in use already, and the file
    /// system commits the rename on its own within seconds.
    /// </summary>
    private void FlushPublished(string name, bool firstOnDisk)
    {
        try
        {
            DirectoryFlush.Flush(layout.DatasetDirectory(name));
            if (firstOnDisk)
            {
                DirectoryFlush.Flush(Path.GetDirectoryName(layout.DatasetDirectory(name))!);
            }
        }
        catch (IOException ex)
        {
            logger.LogWarning("Dataset {Name}: its new version is published but could not be flushed to the disk ({Reason})", name, ex.Message);
        }
    }

    /// <summary>
    /// Removes <paramref name="name"/>, every version and its files, unless a queued or running
    /// analysis uses one (FAILED_PRECONDITION). Its directory is renamed into the trash in one
    /// step first, so the name is gone at once and a crash mid-delete leaves only trash, removed at the next start.
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
            string trash;
            lock (publishGate)
            {
                trash = layout.NewTrashDirectory();
                Directory.Move(layout.DatasetDirectory(name), trash);
                entries.TryRemove(name, out _);
            }
            TryDelete(trash);
            logger.LogInformation("Dataset {Name} deleted", name);
        }
        finally
        {
            uses.EndRetiring(name);
        }
    }

    /// <summary>Records whether <paramref name="name"/> is shared, in memory and in its access.json (written atomically).</summary>
    public DatasetInfo Reshare(string name, bool shared)
    {
        lock (publishGate)
        {
            var entry = entries.GetValueOrDefault(name) ?? throw ServiceException.NotFound($"dataset \"{name}\" does not exist");
            var after = entry.Access with { Shared = shared };
            DatasetFiles.WriteAccess(layout, name, after);
            entries[name] = entry with { Access = after };
            logger.LogInformation("Dataset {Name} is {Sharing}", name, shared ? "shared" : "private to its owner");
            return entry.Newest;
        }
    }

    private sealed class CallerView(DatasetRegistry registry, Caller caller) : IDatasetLookup
    {
        public DatasetInfo? Find(string name) => registry.CanRead(caller, name) ? registry.Find(name) : null;

        public IEnumerable<string> Names => registry.Names.Where(n => registry.CanRead(caller, n));

        public IReadOnlyList<DatasetInfo> Versions(string name) => registry.CanRead(caller, name) ? registry.Versions(name) : [];
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
