namespace Covid.Client;

/// <summary>A dataset loaded on the server.</summary>
public sealed record DatasetInfo
{
    /// <summary>What specs name in "dataset".</summary>
    public required string Name { get; init; }

    /// <summary>The catalog schema its rows follow, e.g. "cdc-cases-deaths-by-state".</summary>
    public required string Schema { get; init; }

    /// <summary>Where it came from: "upload:FILE", "file:PATH", "url:URL", "cdc:ID", "inplace:PATH" or "sample".</summary>
    public string Source { get; init; } = "";

    /// <summary>True when the rows are generated, not real CDC data.</summary>
    public bool Synthetic { get; init; }

    /// <summary>Rows in the dataset.</summary>
    public long RowCount { get; init; }

    /// <summary>Size of the original file in bytes.</summary>
    public long SizeBytes { get; init; }

    /// <summary>First day of the date field, if known.</summary>
    public DateOnly? MinDate { get; init; }

    /// <summary>Last day of the date field, if known.</summary>
    public DateOnly? MaxDate { get; init; }

    /// <summary>When it was loaded.</summary>
    public DateTimeOffset? CreateTime { get; init; }

    /// <summary>The principal that loaded it; empty for the server's built-in datasets.</summary>
    public string Owner { get; init; } = "";

    /// <summary>True when every user may read it: built-in datasets and those an admin shared.</summary>
    public bool Shared { get; init; }

    /// <summary>The fields specs may use.</summary>
    public IReadOnlyList<DatasetField> Fields { get; init; } = [];

    /// <summary>The form the original file came in, detected from its header.</summary>
    public ExportForm ExportForm { get; init; }

    /// <summary>Schema fields the file did not carry (a SODA selection); their values are null.</summary>
    public IReadOnlyList<string> MissingFields { get; init; } = [];

    /// <summary>Columns of the file the schema does not know; they were ignored.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];

    /// <summary>The newest version's number: what specs read unless they name asOf or version.</summary>
    public int Version { get; init; }

    /// <summary>SHA-256 of the newest version's original file.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>The newest version's data-as-of day.</summary>
    public DateOnly? DataAsOf { get; init; }

    /// <summary>How many versions are kept (<see cref="CovidClient.ListDatasetVersionsAsync"/> lists them).</summary>
    public int VersionCount { get; init; }
}
