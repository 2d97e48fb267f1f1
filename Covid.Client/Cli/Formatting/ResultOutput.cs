namespace Covid.Cli.Formatting;

/// <summary>
/// An analysis' result with its source: the table and a footer naming the dataset version; JSON as
/// one object ({"dataset": …, "compareTo": …, "rows": […]}); CSV stays rows only (its first line
/// is the header) and the source goes to stderr.
/// </summary>
internal static class ResultOutput
{
    public static void Write(ResultTable table, OutputFormat format, TextWriter output, TextWriter error)
    {
        switch (format)
        {
            case OutputFormat.Json:
                JsonTableWriter.Write(output, json =>
                {
                    json.WriteStartObject();
                    ProvenanceText.WriteProperties(json, table.DatasetVersion, table.CompareVersion);
                    json.WritePropertyName("rows");
                    JsonTableWriter.WriteRows(json, table);
                    json.WriteEndObject();
                });
                break;
            case OutputFormat.Csv:
                CsvTableWriter.Write(table, output);
                foreach (var line in ProvenanceText.Footer(table.DatasetVersion, table.CompareVersion))
                {
                    error.WriteLine("note: " + line);
                }
                break;
            default:
                TextTableWriter.Write(table, output);
                foreach (var line in ProvenanceText.Footer(table.DatasetVersion, table.CompareVersion))
                {
                    output.Write('\n');
                    output.Write(line);
                }
                if (table.DatasetVersion is not null)
                {
                    output.Write('\n');
                }
                break;
        }

        output.Flush();
    }
}
