namespace Covid.Client;

/// <summary>
/// An aggregate table, row by row. Each cell is null or of its column's kind:
/// <see cref="DateOnly"/>, <see cref="string"/>, <see cref="long"/> or <see cref="double"/>.
/// </summary>
public sealed class ResultTable
{
    /// <summary>Builds a table, checking that every row has one cell per column of the column's kind.</summary>
    /// <exception cref="ArgumentException">A row is the wrong width or a cell the wrong type.</exception>
    public ResultTable(IReadOnlyList<ResultColumn> columns, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Count != columns.Count)
            {
                throw new ArgumentException($"row {r} has {row.Count} cells for {columns.Count} columns", nameof(rows));
            }

            for (var c = 0; c < columns.Count; c++)
            {
                if (row[c] is { } cell && !Fits(columns[c].Kind, cell))
                {
                    throw new ArgumentException(
                        $"row {r}, column '{columns[c].Name}': a {cell.GetType().Name} in a {columns[c].Kind} column", nameof(rows));
                }
            }
        }

        Columns = columns;
        Rows = rows;
    }

    /// <summary>The columns, in result order: period, group-by fields, metrics.</summary>
    public IReadOnlyList<ResultColumn> Columns { get; }

    /// <summary>The rows; each has one cell per column.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows { get; }

    /// <summary>Where the numbers come from: the dataset version the analysis read (null for results from before versions).</summary>
    public DatasetVersionInfo? DatasetVersion { get; init; }

    /// <summary>With compareTo: the version of the <c>_then</c> columns.</summary>
    public DatasetVersionInfo? CompareVersion { get; init; }

    /// <summary>The index of the column with this name, or -1.</summary>
    public int IndexOf(string columnName)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == columnName)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Fits(ColumnKind kind, object cell) => kind switch
    {
        ColumnKind.Date => cell is DateOnly,
        ColumnKind.String => cell is string,
        ColumnKind.Int64 => cell is long,
        ColumnKind.Double => cell is double,
        _ => false,
    };
}
