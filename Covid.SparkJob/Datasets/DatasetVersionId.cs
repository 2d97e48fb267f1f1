namespace Covid.SparkJob.Datasets;

/// <summary>
/// One immutable load of a dataset: its name, its version number and the SHA-256 of its original
/// file. Together with a spec it determines a result, cell for cell (a name deleted and loaded
/// again restarts at version 1, so the hash tells such loads apart).
/// </summary>
public sealed record DatasetVersionId(string Dataset, int Version, string Sha256)
{
    public override string ToString() => $"{Dataset} version {Version}";
}
