namespace Covid.Client;

/// <summary>
/// An aggregate table with typed columns: <see cref="DateColumn"/>, <see cref="StringColumn"/>,
/// <see cref="Int64Column"/> and <see cref="DoubleColumn"/> give a column's cells as their type (null
/// where the cell is null); <see cref="Rows"/> gives them row by row. Write it as CSV, JSON or
/// Parquet, or turn it into a Microsoft.Data.Analysis <c>DataFrame</c> with <see cref="ToDataFrame"/>.
/// </summary>
public sealed partial class AnalysisResult
{
    private readonly object?[][] cells;   // column-major, as the wire sends it

    /// <summary>Builds a table from rows, checking that every row has one cell per column of the column's kind.</summary>
    /// <exception cref="ArgumentException">A row is the wrong width or a cell the wrong type.</exception>
    public AnalysisResult(IReadOnlyList<ResultColumn> columns, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        cells = columns.Select(_ => new object?[rows.Count]).ToArray();
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
                    throw new ArgumentException($"row {r}, column '{columns[c].Name}': a {cell.GetType().Name} in a {columns[c].Kind} column", nameof(rows));
                }
                cells[c][r] = row[c];
            }
        }
        Columns = columns;
        RowCount = rows.Count;
        Rows = new RowView(this);
    }

    /// <summary>From column arrays already checked (the wire's column-major form).</summary>
    internal AnalysisResult(string analysis, IReadOnlyList<ResultColumn> columns, object?[][] cells, int rowCount)
    {
        Analysis = analysis;
        Columns = columns;
        this.cells = cells;
        RowCount = rowCount;
        Rows = new RowView(this);
    }

    /// <summary>The analysis it is the result of, "analyses/{id}" ("" for a table built by hand).</summary>
    public string Analysis { get; } = "";

    /// <summary>The columns, in result order: period, group-by fields, metrics.</summary>
    public IReadOnlyList<ResultColumn> Columns { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The rows; each has one cell per column, null or of the column's kind.</summary>
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

    /// <summary>A <see cref="ColumnKind.Date"/> column's days.</summary>
    /// <exception cref="ArgumentException">No such column, or it is of another kind.</exception>
    public IReadOnlyList<DateOnly?> DateColumn(string name) => Typed(name, ColumnKind.Date, c => (DateOnly?)c);

    /// <summary>A <see cref="ColumnKind.String"/> column's text.</summary>
    /// <exception cref="ArgumentException">No such column, or it is of another kind.</exception>
    public IReadOnlyList<string?> StringColumn(string name) => Typed(name, ColumnKind.String, c => (string?)c);

    /// <summary>A <see cref="ColumnKind.Int64"/> column's numbers.</summary>
    /// <exception cref="ArgumentException">No such column, or it is of another kind.</exception>
    public IReadOnlyList<long?> Int64Column(string name) => Typed(name, ColumnKind.Int64, c => (long?)c);

    /// <summary>A <see cref="ColumnKind.Double"/> column's numbers.</summary>
    /// <exception cref="ArgumentException">No such column, or it is of another kind.</exception>
    public IReadOnlyList<double?> DoubleColumn(string name) => Typed(name, ColumnKind.Double, c => (double?)c);

    /// <summary>A cell as exact text, as <see cref="WriteCsv"/> writes it: dates YYYY-MM-DD, invariant-culture numbers that read back the same, "" for null.</summary>
    public static string CellText(object? cell) => ResultCells.Exact(cell);

    internal object? Cell(int row, int column) => cells[column][row];

    private T[] Typed<T>(string name, ColumnKind kind, Func<object?, T> cast)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            throw new ArgumentException($"no column '{name}'; columns: {string.Join(", ", Columns.Select(c => c.Name))}", nameof(name));
        }
        if (Columns[index].Kind != kind)
        {
            throw new ArgumentException($"column '{name}' is {Columns[index].Kind}, not {kind}", nameof(name));
        }
        return Array.ConvertAll(cells[index], c => cast(c));
    }

    private static bool Fits(ColumnKind kind, object cell) => kind switch
    {
        ColumnKind.Date => cell is DateOnly,
        ColumnKind.String => cell is string,
        ColumnKind.Int64 => cell is long,
        ColumnKind.Double => cell is double,
        _ => false,
    };

    /// <summary>Rows over the column arrays, made as they are read.</summary>
    private sealed class RowView(AnalysisResult result) : IReadOnlyList<IReadOnlyList<object?>>
    {
        public int Count => result.RowCount;

        public IReadOnlyList<object?> this[int index] =>
            (uint)index < (uint)result.RowCount
                ? Enumerable.Range(0, result.Columns.Count).Select(c => result.cells[c][index]).ToArray()
                : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<IReadOnlyList<object?>> GetEnumerator()
        {
            for (var r = 0; r < result.RowCount; r++)
            {
                yield return this[r];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
