namespace Covid.Cli.Formatting;

/// <summary>Writes a table as CSV: a header of column names, then one line per row, RFC 4180 quoting.</summary>
internal static class CsvTableWriter
{
    public static void Write(ResultTable table, TextWriter writer)
    {
        writer.Write(string.Join(',', table.Columns.Select(c => Quote(c.Name))));
        writer.Write('\n');
        foreach (var row in table.Rows)
        {
            writer.Write(string.Join(',', row.Select(cell => Quote(CellText.Exact(cell)))));
            writer.Write('\n');
        }
    }

    /// <summary>Quotes a field only when it must be: it holds a comma, a quote or a line break.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
