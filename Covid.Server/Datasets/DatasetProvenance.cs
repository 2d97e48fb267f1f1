using System.Security.Cryptography;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;

namespace Covid.Server.Datasets;

/// <summary>
/// What a new version records about where its rows come from: the SHA-256 of the original bytes,
/// and the data's own as-of day — the latest value of the schema's as-of field when the file
/// carries one, else the day an import fetched it ("retrieved") or an upload arrived ("loaded").
/// </summary>
public static class DatasetProvenance
{
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }

    /// <param name="staged">The ingested load, its Parquet copy written.</param>
    /// <param name="source">Its source: imports ("url:", "cdc:") were fetched when loaded.</param>
    public static DatasetInfo Stamp(DatasetInfo staged, string sha256, string source)
    {
        ArgumentNullException.ThrowIfNull(staged);
        if (DataAsOfReader.Read(staged.Schema, staged.ParquetPath) is { } asOf)
        {
            return staged with { Sha256 = sha256, DataAsOf = asOf, DataAsOfBasis = "field " + staged.Schema.AsOfField };
        }
        var fetched = source.StartsWith("url:", StringComparison.Ordinal) || source.StartsWith("cdc:", StringComparison.Ordinal);
        return staged with
        {
            Sha256 = sha256,
            DataAsOf = DateOnly.FromDateTime(staged.CreateTime.UtcDateTime),
            DataAsOfBasis = fetched ? "retrieved" : "loaded",
        };
    }
}
