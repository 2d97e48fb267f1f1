namespace Covid.Cli.Formatting;

/// <summary>Writes a table in the chosen <see cref="OutputFormat"/>.</summary>
internal static class TableOutput
{
    public static void Write(ResultTable table, OutputFormat format, TextWriter writer)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                CsvTableWriter.Write(table, writer);
                break;
            case OutputFormat.Json:
                JsonTableWriter.Write(table, writer);
                break;
            default:
                TextTableWriter.Write(table, writer);
                break;
        }

        writer.Flush();
    }
}
