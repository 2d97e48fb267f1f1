namespace Covid.SparkJob.Ingestion;

/// <summary>
/// How large one line, one cell and one row's column count of a CSV may be. A file past a limit is
/// refused at the line check naming the line and the limit, so no input can make the server buffer
/// or parse without bound. The server sets them from <c>Data:MaxCsvLineBytes</c>,
/// <c>Data:MaxCsvCellBytes</c> and <c>Data:MaxCsvColumns</c>, the keys the messages name.
/// </summary>
/// <param name="MaxLineBytes">Bytes of one record (a line, with any line breaks quoted inside it).</param>
/// <param name="MaxCellBytes">Bytes of one cell.</param>
/// <param name="MaxColumns">Cells of one record.</param>
public sealed record CsvLimits(int MaxLineBytes = CsvLimits.DefaultLineBytes, int MaxCellBytes = CsvLimits.DefaultCellBytes, int MaxColumns = CsvLimits.DefaultColumns)
{
    public const int DefaultLineBytes = 1024 * 1024;
    public const int DefaultCellBytes = 64 * 1024;
    public const int DefaultColumns = 1000;

    public static CsvLimits Default { get; } = new();

    /// <summary>The limits as one sentence of a message: "1048576 bytes, this server's limit (Data:MaxCsvLineBytes)".</summary>
    internal string Line => $"{MaxLineBytes} bytes, this server's limit (Data:MaxCsvLineBytes)";

    internal string Cell => $"{MaxCellBytes} bytes, this server's limit (Data:MaxCsvCellBytes)";

    internal string Columns => $"{MaxColumns}, this server's limit (Data:MaxCsvColumns)";
}
