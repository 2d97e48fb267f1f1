using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Sylvan.Data.Csv;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// Registers a CSV to be analysed where it lies, without a Parquet copy: meant for exports too
/// large to convert (tens of millions of case rows on the shared volume). Only the header is
/// checked here; rows are converted by the engine as each analysis reads them, and a cell that
/// does not convert fails that analysis with a message naming the column and the text.
/// </summary>
public static class InPlaceCsv
{
    // Enough lines to estimate the average row length; small files are counted exactly.
    private const int SampleBytes = 1 << 20;

    /// <exception cref="DatasetFormatException">The header does not match the schema.</exception>
    /// <exception cref="ArgumentException">The schema's export cannot be read in place (it has a footer or title lines).</exception>
    public static DatasetInfo Register(string name, DatasetSchema schema, string csvPath, string source, bool synthetic)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(schema);
        if (!schema.SupportsInPlace)
        {
            throw new ArgumentException($"{schema.Name} exports have title lines or a footer that CSV readers cannot skip; load it as a dataset (converted to Parquet) instead", nameof(schema));
        }
        var full = Path.GetFullPath(csvPath);
        var file = new FileInfo(full);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"the CSV {full} does not exist", full);
        }
        var layout = CheckHeader(schema, full);
        return new DatasetInfo(name, schema, "", full, source, synthetic, EstimateRows(full, file.Length), file.Length,
            null, null, DateTimeOffset.UtcNow, DatasetStorage.CsvInPlace)
        {
            Layout = layout,
        };
    }

    private static FileLayout CheckHeader(DatasetSchema schema, string path)
    {
        using var text = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        if (text.Peek() < 0)
        {
            throw new DatasetFormatException(1, $"the file is empty; expected the header {CsvLayout.ExpectedHeader(schema)}");
        }
        var options = new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', Quote = '"' };
        using var csv = CsvDataReader.Create(text, options);
        return CsvLayout.CheckHeader(schema, Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList());
    }

    /// <summary>
    /// Data rows: exact for files up to 1 MiB; otherwise the data bytes over the mean row length in
    /// 16 samples of 64 KiB spread through the file (exports are often sorted, and row lengths drift
    /// with the date). Used for progress and listings; no analysis result depends on it.
    /// </summary>
    internal static long EstimateRows(string path, long length)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[(int)Math.Min(SampleBytes, length)];
        stream.ReadExactly(head);
        var headerEnd = head.AsSpan().IndexOf((byte)'\n');
        if (headerEnd < 0)
        {
            return 0;
        }
        var dataStart = headerEnd + 1L;
        if (length <= SampleBytes)
        {
            var data = head.AsSpan((int)dataStart);
            return data.Count((byte)'\n') + (data.Length > 0 && data[^1] != (byte)'\n' ? 1 : 0);
        }
        const int samples = 16, window = 64 * 1024;
        var buffer = new byte[window];
        long lines = 0, bytes = 0;
        for (var k = 0; k < samples; k++)
        {
            stream.Position = dataStart + (length - dataStart - window) * k / (samples - 1);
            var read = stream.ReadAtLeast(buffer, window, throwOnEndOfStream: false);
            var span = buffer.AsSpan(0, read);
            // Whole rows only: from just after the first newline to the last one.
            var first = span.IndexOf((byte)'\n');
            var last = span.LastIndexOf((byte)'\n');
            if (first >= 0 && last > first)
            {
                lines += span[(first + 1)..(last + 1)].Count((byte)'\n');
                bytes += last - first;
            }
        }
        return bytes == 0 ? 1 : (long)Math.Round((double)(length - dataStart) * lines / bytes);
    }
}
