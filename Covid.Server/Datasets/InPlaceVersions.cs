using System.Security.Cryptography;
using System.Text.Json;
using Covid.Server.Storage;
using Covid.SparkJob.Datasets;

namespace Covid.Server.Datasets;

/// <summary>
/// A CSV registered in place is one version: the file as it is now. Its SHA-256 is computed when it
/// is first registered (one read of the whole file) and kept in datasets/.inplace/{name}.json with
/// the file's size and modification time, so later starts only hash it again when those change;
/// changed bytes become the next version number (the old contents are the operator's file, not
/// kept). Its data-as-of is the day the file was last modified.
/// </summary>
public sealed class InPlaceVersions(DataLayout layout, ILogger<InPlaceVersions> logger)
{
    public DatasetInfo Stamp(DatasetInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var file = new FileInfo(info.OriginalPath);
        var path = Path.Combine(layout.InPlaceRecords, info.Name + ".json");
        var known = Read(path);
        var record = known is { } k && k.Path == file.FullName && k.Size == file.Length && k.Modified == file.LastWriteTimeUtc
            ? k
            : Hashed(file, known, path, info.Name);
        return info with
        {
            Version = record.Version,
            Sha256 = record.Sha256,
            CreateTime = record.Registered,
            DataAsOf = DateOnly.FromDateTime(file.LastWriteTimeUtc),
            DataAsOfBasis = "file modified",
        };
    }

    private Record Hashed(FileInfo file, Record? known, string path, string name)
    {
        string sha256;
        using (var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
        {
            sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        var record = known is not null && known.Sha256 == sha256
            ? known with { Path = file.FullName, Size = file.Length, Modified = file.LastWriteTimeUtc }
            : new Record(file.FullName, file.Length, file.LastWriteTimeUtc, sha256, (known?.Version ?? 0) + 1, DateTimeOffset.UtcNow);
        AtomicFile.WriteText(path, JsonSerializer.Serialize(record, DatasetFiles.Json));
        logger.LogInformation("Dataset {Name} (in place) is version {Version}, sha256 {Sha256}", name, record.Version, sha256);
        return record;
    }

    private Record? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<Record>(File.ReadAllText(path), DatasetFiles.Json) : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            logger.LogWarning("Unreadable {Path} ({Message}); the CSV is hashed again", path, ex.Message);
            return null;
        }
    }

    private sealed record Record(string Path, long Size, DateTime Modified, string Sha256, int Version, DateTimeOffset Registered);
}
