using System.Globalization;
using System.Text.Json;
using Covid.Server.Storage;
using Covid.SparkJob.Datasets;

namespace Covid.Server.Datasets;

/// <summary>
/// The files of a dataset name on disk (see <see cref="DataLayout"/>): each version's dataset.json,
/// the name's access.json, and how versions leave: a published version directory is only ever
/// renamed into the trash, as a whole, once it is no longer kept.
/// </summary>
public static class DatasetFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void WriteMetadata(string directory, DatasetMetadata metadata) =>
        AtomicFile.WriteText(Path.Combine(directory, DataLayout.MetadataFile), JsonSerializer.Serialize(metadata, Json));

    public static DatasetMetadata? ReadMetadata(string directory) =>
        JsonSerializer.Deserialize<DatasetMetadata>(File.ReadAllText(Path.Combine(directory, DataLayout.MetadataFile)), Json);

    /// <summary>access.json of <paramref name="name"/>, written whole (the server's own built-in mark is not stored: it is re-made at start).</summary>
    public static void WriteAccess(DataLayout layout, string name, DatasetAccess access)
    {
        Directory.CreateDirectory(layout.DatasetDirectory(name));
        AtomicFile.WriteText(Path.Combine(layout.DatasetDirectory(name), DataLayout.AccessFile),
            JsonSerializer.Serialize(new StoredAccess(access.Owner, access.Shared), Json));
    }

    /// <summary>The owner and sharing access.json records, or null without one (names loaded before versions existed).</summary>
    public static (string? Owner, bool Shared)? ReadAccess(string directory)
    {
        var path = Path.Combine(directory, DataLayout.AccessFile);
        return File.Exists(path) && JsonSerializer.Deserialize<StoredAccess>(File.ReadAllText(path), Json) is { } stored
            ? (stored.Owner, stored.Shared)
            : null;
    }

    /// <summary>12 for a version directory named "v12"; null for anything else.</summary>
    public static int? VersionNumber(string directoryName) =>
        directoryName.StartsWith(DataLayout.VersionPrefix, StringComparison.Ordinal)
        && int.TryParse(directoryName.AsSpan(DataLayout.VersionPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
        && directoryName == DataLayout.VersionPrefix + n.ToString(CultureInfo.InvariantCulture)
            ? n
            : null;

    /// <summary>The highest version number any directory of the name has, readable or not.</summary>
    public static int HighestOnDisk(string nameDirectory) => Directory.Exists(nameDirectory)
        ? Directory.EnumerateDirectories(nameDirectory).Select(d => VersionNumber(Path.GetFileName(d)) ?? 0).DefaultIfEmpty(0).Max()
        : 0;

    /// <summary>A version stored before versions existed: its files lie in the name's own directory.</summary>
    public static bool IsLegacy(DatasetInfo version, DataLayout layout) =>
        Path.GetDirectoryName(version.OriginalPath) == layout.DatasetDirectory(version.Name);

    /// <summary>
    /// Takes a version out of the data directory: one rename of its directory into the trash (the
    /// returned path, to be deleted); a version of the old layout loses its dataset.json first,
    /// which makes its remaining files garbage that start-up removes.
    /// </summary>
    public static string? Retire(DatasetInfo version, DataLayout layout)
    {
        var directory = Path.GetDirectoryName(version.OriginalPath)!;
        if (IsLegacy(version, layout))
        {
            File.Delete(Path.Combine(directory, DataLayout.MetadataFile));
            File.Delete(version.ParquetPath);
            File.Delete(version.OriginalPath);
            return null;
        }
        var trash = layout.NewTrashDirectory();
        Directory.Move(directory, trash);
        return trash;
    }

    private sealed record StoredAccess(string? Owner, bool Shared);
}
