namespace Covid.Client;

/// <summary>The type of a result column, and so of its cells.</summary>
public enum ColumnKind
{
    /// <summary>Cells are <see cref="DateOnly"/>.</summary>
    Date,
    /// <summary>Cells are <see cref="string"/>.</summary>
    String,
    /// <summary>Cells are <see cref="long"/>.</summary>
    Int64,
    /// <summary>Cells are <see cref="double"/>.</summary>
    Double,
}
