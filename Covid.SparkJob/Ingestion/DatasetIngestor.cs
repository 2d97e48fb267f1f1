using System.Text.RegularExpressions;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;
using DuckDB.NET.Data;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// Loads a CSV export once: every line checked against the schema as it arrives (<see cref="CsvIntake"/>,
/// or here over a file), then one DuckDB pass writes the typed Parquet copy all analyses read.
/// Writes nothing but <c>parquetPath</c> (and scratch files it deletes); directories and making the
/// dataset visible belong to the caller.
/// </summary>
public static partial class DatasetIngestor
{
    /// <summary>Checks and converts the CSV file at <paramref name="csvPath"/>, which stays where it is as the original.</summary>
    /// <exception cref="DatasetFormatException">The CSV does not match the schema; nothing is left at <c>parquetPath</c>.</exception>
    public static async Task<DatasetInfo> IngestAsync(
        string name, DatasetSchema schema, string csvPath, string parquetPath, string source, bool synthetic, CancellationToken ct) =>
        await IngestAsync(name, schema, csvPath, parquetPath, source, synthetic, CsvLimits.Default, ct).ConfigureAwait(false);

    /// <inheritdoc cref="IngestAsync(string, DatasetSchema, string, string, string, bool, CancellationToken)"/>
    public static async Task<DatasetInfo> IngestAsync(
        string name, DatasetSchema schema, string csvPath, string parquetPath, string source, bool synthetic, CsvLimits limits, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(csvPath);
        ArgumentException.ThrowIfNullOrEmpty(parquetPath);
        // DuckDB reads the file itself unless title lines or a footer must be cut away first.
        var body = schema.SupportsInPlace ? null : parquetPath + ".body.csv";
        var existed = File.Exists(parquetPath);
        try
        {
            var statistics = await Task.Run(() => Check(schema, csvPath, body, limits, ct), ct).ConfigureAwait(false);
            return await ConvertAsync(name, schema, statistics, csvPath,
                () => Task.Run(() => ParquetConverter.Convert(schema, statistics.Layout, [body ?? csvPath], parquetPath, ConversionTarget.DefaultMemoryLimit), ct),
                parquetPath, source, synthetic, existed, ct).ConfigureAwait(false);
        }
        finally
        {
            if (body is not null)
            {
                File.Delete(body);
            }
        }
    }

    /// <summary>
    /// Converts what an intake checked and kept, or with its <see cref="CsvIntake.Target"/> finishes
    /// the conversion that ran as the lines arrived (to <paramref name="parquetPath"/>, which must
    /// be the target's); its body file is deleted after unless it is the original.
    /// </summary>
    /// <exception cref="DatasetFormatException">DuckDB refused a line the check passed; nothing is left at <c>parquetPath</c>.</exception>
    public static async Task<DatasetInfo> IngestAsync(
        string name, DatasetSchema schema, CsvIntake intake, CsvStatistics statistics, string parquetPath, string source, bool synthetic, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(intake);
        if (intake.Target is { } target && target.ParquetPath != parquetPath)
        {
            throw new ArgumentException($"the intake converts to '{target.ParquetPath}', not '{parquetPath}'", nameof(parquetPath));
        }
        Func<Task<long>> convert = intake.Conversion is { } piped
            ? piped.FinishAsync
            : () => Task.Run(() => ParquetConverter.Convert(schema, statistics.Layout, [intake.BodyPath], parquetPath, intake.MemoryLimit), ct);
        try
        {
            // A piped conversion made the file itself, so it is this load's to delete whatever happens.
            var existed = intake.Conversion is null && File.Exists(parquetPath);
            return await ConvertAsync(name, schema, statistics, intake.OriginalPath, convert, parquetPath, source, synthetic, existed, ct).ConfigureAwait(false);
        }
        finally
        {
            if (intake.BodyPath != intake.OriginalPath)
            {
                File.Delete(intake.BodyPath);
            }
        }
    }

    private static CsvStatistics Check(DatasetSchema schema, string csvPath, string? bodyPath, CsvLimits limits, CancellationToken ct)
    {
        using var body = bodyPath is null ? null : new FileStream(bodyPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var check = new CsvCheck(schema, limits, body is null ? null : bytes => body.Write(bytes));
        using var file = new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            check.Append(buffer.AsSpan(0, read));
        }
        return check.Complete();
    }

    private static async Task<DatasetInfo> ConvertAsync(
        string name, DatasetSchema schema, CsvStatistics statistics, string originalPath, Func<Task<long>> convert, string parquetPath, string source, bool synthetic,
        bool existed, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(schema);
        ct.ThrowIfCancellationRequested();
        try
        {
            var written = await convert().ConfigureAwait(false);
            if (written != statistics.Rows)
            {
                throw new InvalidOperationException($"Parquet conversion of '{originalPath}' wrote {written} rows, the CSV has {statistics.Rows}");
            }
        }
        catch (DuckDBException ex) when (!existed)
        {
            File.Delete(parquetPath);
            throw Refused(schema, ex);
        }
        catch when (!existed)
        {
            // Never leave a half-written copy behind for someone to mistake for a dataset.
            File.Delete(parquetPath);
            throw;
        }
        return new DatasetInfo(name, schema, Path.GetFullPath(parquetPath), Path.GetFullPath(originalPath), source, synthetic,
            statistics.Rows, statistics.Bytes, statistics.MinDate, statistics.MaxDate, DateTimeOffset.UtcNow)
        {
            Layout = statistics.Layout,
        };
    }

    /// <summary>
    /// DuckDB refusing what the check passed is a disagreement between the two, never the user's
    /// fault alone: still a clear INVALID_ARGUMENT with DuckDB's reason and, when it gives one, the line.
    /// </summary>
    private static ServiceException Refused(DatasetSchema schema, DuckDBException ex)
    {
        var reason = ex.Message.Split('\n')[0].Replace("Invalid Input Error: ", "", StringComparison.Ordinal).Replace("Conversion Error: ", "", StringComparison.Ordinal);
        // Not the file's fault: the conversion is held to a memory limit so no upload can take the server's memory.
        if (ex.Message.StartsWith("Out of Memory Error", StringComparison.Ordinal))
        {
            return ServiceException.ResourceExhausted(
                $"converting the file to Parquet needed more than the converter's memory (Data:ConversionMemoryLimit) and its spill space: {reason}");
        }
        return DuckDbLine().Match(ex.Message) is { Success: true } match && int.TryParse(match.Groups[1].ValueSpan, out var line)
            ? new DatasetFormatException(line + schema.TitleLines, $"the converter refused it: {ex.Message.Split('\n').Skip(2).FirstOrDefault(l => l.Length > 0) ?? reason}")
            : ServiceException.InvalidArgument("chunk", $"the converter refused the file: {reason}");
    }

    [GeneratedRegex(@"CSV Error on Line: (\d+)")]
    private static partial Regex DuckDbLine();
}
