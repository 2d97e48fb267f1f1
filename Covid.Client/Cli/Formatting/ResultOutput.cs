namespace Covid.Cli.Formatting;

/// <summary>
/// An analysis' result with its source: the table, then a footer naming the dataset version it was
/// computed from. CSV, JSON and Parquet stay the rows alone (scripts and tools read them), so
/// there the source goes to stderr as notes.
/// </summary>
internal static class ResultOutput
{
    public static async Task WriteAsync(AnalysisResult table, OutputFormat format, CliConsole console, CancellationToken cancellationToken)
    {
        await TableOutput.WriteAsync(table, format, console, cancellationToken);
        var footer = ProvenanceText.Footer(table.DatasetVersion, table.CompareVersion).ToList();
        if (format == OutputFormat.Table && footer.Count > 0)
        {
            await console.Out.WriteLineAsync();
            foreach (var line in footer)
            {
                await console.Out.WriteLineAsync(line);
            }
            await console.Out.FlushAsync(cancellationToken);
            return;
        }
        foreach (var line in footer)
        {
            await console.Error.WriteLineAsync("note: " + line);
        }
    }
}
