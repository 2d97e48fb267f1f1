namespace Covid.Server.Storage;

/// <summary>One entry of <c>Data:InPlace</c>: a CSV on the data volume analysed where it lies.</summary>
public sealed class InPlaceDataset
{
    /// <summary>The CSV, absolute or relative to <c>Data:Directory</c>; it must lie under that directory.</summary>
    public string Path { get; set; } = "";

    /// <summary>The catalog schema its header must match, e.g. cdc-case-surveillance.</summary>
    public string Schema { get; set; } = "";

    /// <summary>True when the file holds generated rows (covid datasets generate), not CDC data.</summary>
    public bool Synthetic { get; set; }
}
