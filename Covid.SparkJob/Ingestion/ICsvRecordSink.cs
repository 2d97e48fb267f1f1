namespace Covid.SparkJob.Ingestion;

/// <summary>What <see cref="CsvLineReader"/> finds in a CSV, in file order.</summary>
internal interface ICsvRecordSink
{
    /// <summary>A title line before the header (read as text, not as CSV).</summary>
    void TitleLine(long line, ReadOnlySpan<byte> text);

    /// <summary>The header or a data record. False when a blank record ends the data: the rest are footer lines.</summary>
    bool Record(CsvRecord record);

    /// <summary>A line after the blank line ending the data (read as text, not as CSV).</summary>
    void FooterLine(long line, ReadOnlySpan<byte> text);

    /// <summary>The bytes of the header and data records (no title lines, byte order mark or footer), for the converter.</summary>
    void Body(ReadOnlySpan<byte> bytes);
}
