using System.Text.Json;
using Covid.Server.Storage;
using Covid.Server.Tenancy;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.Server.Datasets;

/// <summary>
/// Start-up: reads every dataset name and its published versions back. It removes only what it
/// can prove is garbage: staging directories (a load is published by renaming its staging
/// directory away, so whatever is still in staging never was), the trash (deleted datasets and
/// pruned versions), a name directory holding nothing but access.json (a crash before its first
/// version was renamed in), and the files of an old-layout version whose dataset.json was removed.
/// A published version is never removed here; one that cannot be read is skipped with a warning.
/// </summary>
public sealed class DatasetDirectoryReader(DataLayout layout, SchemaCatalog catalog, ILogger<DatasetDirectoryReader> logger)
{
    public Dictionary<string, DatasetEntry> ReadAll()
    {
        foreach (var garbage in new[] { layout.Staging, layout.Trash })
        {
            if (Directory.Exists(garbage))
            {
                Directory.Delete(garbage, recursive: true);
            }
        }
        Directory.CreateDirectory(layout.DatasetsRoot);
        var entries = new Dictionary<string, DatasetEntry>(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories(layout.DatasetsRoot))
        {
            var name = Path.GetFileName(dir);
            if (DatasetNames.IsValid(name) && Read(name, dir) is { } entry)
            {
                entries[name] = entry;
            }
        }
        logger.LogInformation("Loaded {Count} datasets ({Versions} versions) from {Root}", entries.Count, entries.Values.Sum(e => e.Versions.Count), layout.DatasetsRoot);
        return entries;
    }

    private DatasetEntry? Read(string name, string dir)
    {
        // Temp files of an atomic write cut short are never the only copy of anything.
        foreach (var temp in Directory.EnumerateFiles(dir, "*" + AtomicFile.TempSuffix))
        {
            File.Delete(temp);
        }
        var versions = new List<(DatasetInfo Info, DatasetMetadata Metadata)>();
        if (File.Exists(Path.Combine(dir, DataLayout.MetadataFile)))
        {
            AddVersion(versions, name, dir, expected: null);
        }
        else
        {
            RemoveRetiredLegacyFiles(dir);
        }
        foreach (var sub in Directory.EnumerateDirectories(dir))
        {
            if (DatasetFiles.VersionNumber(Path.GetFileName(sub)) is { } number)
            {
                AddVersion(versions, name, sub, number);
            }
        }
        if (versions.Count == 0)
        {
            if (Directory.EnumerateFileSystemEntries(dir).All(e => Path.GetFileName(e) == DataLayout.AccessFile))
            {
                Directory.Delete(dir, recursive: true);
            }
            else
            {
                logger.LogWarning("Skipping dataset directory {Directory}: no readable version", dir);
            }
            return null;
        }
        versions.Sort((a, b) => a.Info.Version.CompareTo(b.Info.Version));
        var newest = versions[^1].Metadata;
        var stored = ReadAccess(dir);
        var access = new DatasetAccess(Caller.OwnerOrAnonymous(stored is { } s ? s.Owner : newest.Owner), stored?.Shared ?? newest.Shared, BuiltIn: false);
        return new DatasetEntry(access, versions.Select(v => v.Info).ToList());
    }

    private void AddVersion(List<(DatasetInfo, DatasetMetadata)> versions, string name, string dir, int? expected)
    {
        try
        {
            var metadata = DatasetFiles.ReadMetadata(dir);
            if (metadata?.ToInfo(dir, catalog) is { } info && info.Name == name && (expected is null || info.Version == expected) && File.Exists(info.ParquetPath))
            {
                versions.Add((info, metadata));
            }
            else
            {
                logger.LogWarning("Skipping dataset version directory {Directory}: incomplete, misnamed or of an unknown schema", dir);
            }
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            logger.LogWarning("Skipping dataset version directory {Directory}: {Message}", dir, ex.Message);
        }
    }

    private (string? Owner, bool Shared)? ReadAccess(string dir)
    {
        try
        {
            return DatasetFiles.ReadAccess(dir);
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            logger.LogWarning("Unreadable {File} in {Directory} ({Message}); using the newest version's record", DataLayout.AccessFile, dir, ex.Message);
            return null;
        }
    }

    /// <summary>An old-layout version is retired by removing its dataset.json first; its data files are then garbage.</summary>
    private static void RemoveRetiredLegacyFiles(string dir)
    {
        foreach (var file in new[] { DataLayout.OriginalFile, DataLayout.ParquetFile })
        {
            File.Delete(Path.Combine(dir, file));
        }
    }
}
