namespace Covid.Cli.Formatting;

/// <summary>Writes a table as aligned text for people: numbers right-aligned, everything else left-aligned.</summary>
internal static class TextTableWriter
{
    private const string Gap = "  ";

    public static void Write(AnalysisResult table, TextWriter writer)
    {
        var cells = table.Rows.Select(row => row.Select(CellText.Readable).ToArray()).ToList();
        var widths = table.Columns.Select((c, i) => Math.Max(c.Name.Length, cells.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        var rightAligned = table.Columns.Select(c => c.Kind is ColumnKind.Int64 or ColumnKind.Double).ToArray();

        WriteLine(writer, table.Columns.Select(c => c.Name).ToArray(), widths, rightAligned);
        WriteLine(writer, widths.Select(w => new string('-', w)).ToArray(), widths, rightAligned);
        foreach (var row in cells)
        {
            WriteLine(writer, row, widths, rightAligned);
        }
    }

    private static void WriteLine(TextWriter writer, string[] fields, int[] widths, bool[] rightAligned)
    {
        var parts = fields.Select((f, i) => rightAligned[i] ? f.PadLeft(widths[i]) : f.PadRight(widths[i]));
        writer.Write(string.Join(Gap, parts).TrimEnd());
        writer.Write('\n');
    }
}
