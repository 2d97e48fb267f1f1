namespace Covid.Cli.Formatting;

/// <summary>Writes a table to standard output in the chosen <see cref="OutputFormat"/>.</summary>
internal static class TableOutput
{
    public static async Task WriteAsync(AnalysisResult table, OutputFormat format, CliConsole console, CancellationToken cancellationToken)
    {
        var writer = console.Out;
        switch (format)
        {
            case OutputFormat.Csv:
                table.WriteCsv(writer);
                break;
            case OutputFormat.Json:
                table.WriteJson(writer);
                break;
            case OutputFormat.Parquet:
                await writer.FlushAsync(cancellationToken);
                await using (var stdout = console.OpenOut())
                {
                    await table.WriteParquetAsync(stdout, cancellationToken);
                }
                break;
            default:
                TextTableWriter.Write(table, writer);
                break;
        }
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Parquet is bytes: refused before any work when standard output is a terminal.</summary>
    public static void CheckDestination(OutputFormat format, CliConsole console)
    {
        if (format == OutputFormat.Parquet && console.OutIsTerminal)
        {
            throw CliContext.Invalid("--output parquet writes a binary file; redirect standard output, e.g. covid result NAME -o parquet > result.parquet");
        }
    }
}
