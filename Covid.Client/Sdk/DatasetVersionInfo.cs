namespace Covid.Client;

/// <summary>
/// One immutable version of a dataset: every load of a name is a new one. With the dataset name,
/// <see cref="Version"/> and <see cref="Sha256"/> identify the rows an analysis read exactly.
/// </summary>
public sealed record DatasetVersionInfo
{
    /// <summary>The dataset name.</summary>
    public required string Dataset { get; init; }

    /// <summary>1, 2, 3 … in load order.</summary>
    public required int Version { get; init; }

    /// <summary>SHA-256 of the original file's bytes, lowercase hex; empty for loads stored before versions existed.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>Where it came from: "upload:FILE", "url:URL", "cdc:ID", "file:NAME", "inplace:PATH" or "sample".</summary>
    public string Source { get; init; } = "";

    /// <summary>The data's own "as of" day (see <see cref="DataAsOfBasis"/>).</summary>
    public DateOnly? DataAsOf { get; init; }

    /// <summary>Where <see cref="DataAsOf"/> comes from: "field NAME" (the latest value of that field), "retrieved", "loaded" or "file modified".</summary>
    public string DataAsOfBasis { get; init; } = "";

    /// <summary>When this version was loaded.</summary>
    public DateTimeOffset? LoadTime { get; init; }

    /// <summary>The catalog schema its rows follow.</summary>
    public string Schema { get; init; } = "";

    /// <summary>The form the original file came in.</summary>
    public ExportForm ExportForm { get; init; }

    /// <summary>Rows in this version.</summary>
    public long RowCount { get; init; }

    /// <summary>Size of the original file in bytes.</summary>
    public long SizeBytes { get; init; }

    /// <summary>First day of the date field, if known.</summary>
    public DateOnly? MinDate { get; init; }

    /// <summary>Last day of the date field, if known.</summary>
    public DateOnly? MaxDate { get; init; }

    /// <summary>True when the rows are generated, not real CDC data.</summary>
    public bool Synthetic { get; init; }

    /// <summary>Queued or running analyses reading it (listings only); such a version is never pruned.</summary>
    public int ActiveAnalyses { get; init; }
}
