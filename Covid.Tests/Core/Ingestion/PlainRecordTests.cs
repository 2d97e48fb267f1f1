using System.Text;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;

namespace Covid.Tests.Core.Ingestion;

/// <summary>
/// The line check's fast path (<see cref="PlainRecord"/>, whole 32-byte blocks of a window) against
/// its general reader: the same file read whole (nearly every record by the fast path) and one byte
/// at a time (never by it) gives the same records, cells and lines — with lines across block
/// boundaries, empty cells and lines, CRLF with the CR and LF in different blocks, quoted cells
/// with commas, quotes and line breaks inside, and lines at the column limit.
/// </summary>
public sealed class PlainRecordTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Read_WholeAndByteByByte_SameRecords(string lineEnd)
    {
        var text = Generate(new Random(lineEnd.Length), lineEnd);
        var bytes = Encoding.UTF8.GetBytes(text);
        var limits = new CsvLimits(MaxColumns: 40);

        var whole = Read(bytes, bytes.Length, limits);
        var byByte = Read(bytes, 1, limits);

        Assert.Equal(byByte, whole);
        Assert.True(whole.Count > 2_000, $"{whole.Count} records");
        // The unquoted lines as written, split at their commas.
        var plain = text.Split(lineEnd)[..^1].Select((l, i) => (l, i)).Where(p => !p.l.Contains('"', StringComparison.Ordinal)).ToList();
        foreach (var (line, index) in plain.Take(500))
        {
            Assert.Contains($"{index + 1}: {string.Join("|", line.Split(','))}", whole);
        }
    }

    [Fact]
    public void Read_OneColumnPastTheLimit_RefusedAsByTheGeneralReader()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b,c\n" + string.Join(",", Enumerable.Range(0, 41)) + "\n");
        var limits = new CsvLimits(MaxColumns: 40);

        var whole = Assert.Throws<DatasetFormatException>(() => Read(bytes, bytes.Length, limits));
        var byByte = Assert.Throws<DatasetFormatException>(() => Read(bytes, 1, limits));

        Assert.Equal(byByte.Message, whole.Message);
        Assert.Equal(2, whole.Line);
    }

    private static List<string> Read(byte[] bytes, int chunk, CsvLimits limits)
    {
        var reader = new CsvLineReader(limits, titleLines: 0);
        var sink = new Records();
        for (var at = 0; at < bytes.Length; at += chunk)
        {
            reader.Append(bytes.AsSpan(at, Math.Min(chunk, bytes.Length - at)), sink);
        }
        reader.Complete(sink);
        return sink.Seen;
    }

    /// <summary>Lines of 0 to 120 bytes: mostly plain cells, some quoted with a comma, a doubled quote or a line break inside.</summary>
    private static string Generate(Random random, string lineEnd)
    {
        var text = new StringBuilder();
        for (var line = 0; line < 3_000; line++)
        {
            var cells = random.Next(1, 39);
            for (var c = 0; c < cells && text.Length < 1_000_000; c++)
            {
                text.Append(c == 0 ? "" : ",");
                text.Append(random.Next(12) switch
                {
                    0 => "",
                    1 => "\"q,1\"",
                    2 => "\"say \"\"hi\"\"\"",
                    3 when lineEnd == "\n" => "\"two\nlines\"",
                    _ => new string('x', random.Next(0, 9)) + random.Next(100),
                });
            }
            text.Append(lineEnd);
        }
        return text.ToString();
    }

    private sealed class Records : ICsvRecordSink
    {
        public List<string> Seen { get; } = [];

        public void TitleLine(long line, ReadOnlySpan<byte> text) => throw new InvalidOperationException("no title lines");

        public bool Record(CsvRecord record)
        {
            Seen.Add($"{record.Line}: {string.Join("|", Enumerable.Range(0, record.Count).Select(record.Text))}");
            return true;
        }

        public void FooterLine(long line, ReadOnlySpan<byte> text) => throw new InvalidOperationException("no footer");

        public void Body(ReadOnlySpan<byte> bytes)
        {
        }
    }
}
