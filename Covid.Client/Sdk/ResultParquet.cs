using System.Buffers.Binary;
using System.Text;

namespace Covid.Client;

/// <summary>
/// An <see cref="AnalysisResult"/> as a Parquet file, written directly: one row group, one
/// uncompressed PLAIN data page per column, every column OPTIONAL (definition levels RLE-encoded),
/// dates as INT32 DATE, strings as BYTE_ARRAY UTF8, INT64 and DOUBLE. Small and free of reflection,
/// so the covid tool writes it under Native AOT; tests read it back with Parquet.Net and DuckDB.
/// </summary>
internal static class ResultParquet
{
    private const int Int32 = 1, Int64 = 2, Double = 5, ByteArray = 6;
    private const int Optional = 1, PlainEncoding = 0, RleEncoding = 3, DataPage = 0;
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    public static async Task WriteAsync(AnalysisResult result, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var file = new MemoryStream();
        file.Write(Magic);
        var chunks = new List<(long Offset, long Size)>();
        for (var c = 0; c < result.Columns.Count; c++)
        {
            var offset = file.Position;
            WritePage(file, result, c);
            chunks.Add((offset, file.Position - offset));
        }
        var footer = file.Position;
        WriteFooter(file, result, chunks);
        ThriftCompactWriter.Int32LittleEndian(file, checked((int)(file.Position - footer)));
        file.Write(Magic);
        file.Position = 0;
        await file.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    private static void WritePage(Stream file, AnalysisResult result, int column)
    {
        using var body = new MemoryStream();
        var levels = DefinitionLevels(result, column);
        ThriftCompactWriter.Int32LittleEndian(body, levels.Length);
        body.Write(levels);
        var kind = result.Columns[column].Kind;
        Span<byte> eight = stackalloc byte[8];
        for (var r = 0; r < result.RowCount; r++)
        {
            switch (result.Cell(r, column))
            {
                case null:
                    break;
                case DateOnly day:
                    ThriftCompactWriter.Int32LittleEndian(body, day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);
                    break;
                case long l:
                    BinaryPrimitives.WriteInt64LittleEndian(eight, l);
                    body.Write(eight);
                    break;
                case double d:
                    BinaryPrimitives.WriteDoubleLittleEndian(eight, d);
                    body.Write(eight);
                    break;
                case string s:
                    var bytes = Encoding.UTF8.GetBytes(s);
                    ThriftCompactWriter.Int32LittleEndian(body, bytes.Length);
                    body.Write(bytes);
                    break;
                default:
                    throw new InvalidOperationException($"column '{result.Columns[column].Name}' ({kind}) holds a {result.Cell(r, column)!.GetType().Name}");
            }
        }
        var size = checked((int)body.Length);
        var header = new ThriftCompactWriter(file);
        header.I32Field(1, DataPage);
        header.I32Field(2, size);
        header.I32Field(3, size);
        header.StructField(5, () =>
        {
            header.I32Field(1, result.RowCount);
            header.I32Field(2, PlainEncoding);
            header.I32Field(3, RleEncoding);
            header.I32Field(4, RleEncoding);
        });
        header.End();
        body.Position = 0;
        body.CopyTo(file);
    }

    /// <summary>1 for a value, 0 for a null, as runs of the RLE/bit-packing hybrid at bit width 1: varint(length &lt;&lt; 1), then the level's byte.</summary>
    private static byte[] DefinitionLevels(AnalysisResult result, int column)
    {
        using var levels = new MemoryStream();
        var writer = new ThriftCompactWriter(levels);
        var r = 0;
        while (r < result.RowCount)
        {
            var defined = result.Cell(r, column) is not null;
            var run = 1;
            while (r + run < result.RowCount && (result.Cell(r + run, column) is not null) == defined)
            {
                run++;
            }
            writer.Varint((ulong)run << 1);
            levels.WriteByte(defined ? (byte)1 : (byte)0);
            r += run;
        }
        return levels.ToArray();
    }

    private static void WriteFooter(Stream file, AnalysisResult result, List<(long Offset, long Size)> chunks)
    {
        var meta = new ThriftCompactWriter(file);
        meta.I32Field(1, 1);
        var schema = new List<ResultColumn?> { null };
        schema.AddRange(result.Columns);
        meta.StructListField(2, schema, column =>
        {
            if (column is null)
            {
                meta.StringField(4, "schema");
                meta.I32Field(5, result.Columns.Count);
                return;
            }
            meta.I32Field(1, PhysicalType(column.Kind));
            meta.I32Field(3, Optional);
            meta.StringField(4, column.Name);
            if (column.Kind is ColumnKind.Date or ColumnKind.String)
            {
                meta.I32Field(6, column.Kind == ColumnKind.Date ? 6 : 0);   // converted type DATE or UTF8
                meta.StructField(10, () => meta.StructField(column.Kind == ColumnKind.Date ? (short)6 : (short)1, () => { }));   // logical type DATE or STRING
            }
        });
        meta.I64Field(3, result.RowCount);
        meta.StructListField(4, [0], _ =>
        {
            meta.StructListField(1, Enumerable.Range(0, result.Columns.Count).ToList(), c =>
            {
                meta.I64Field(2, chunks[c].Offset);
                meta.StructField(3, () =>
                {
                    meta.I32Field(1, PhysicalType(result.Columns[c].Kind));
                    meta.I32ListField(2, [PlainEncoding, RleEncoding]);
                    meta.StringListField(3, [result.Columns[c].Name]);
                    meta.I32Field(4, 0);   // UNCOMPRESSED
                    meta.I64Field(5, result.RowCount);
                    meta.I64Field(6, chunks[c].Size);
                    meta.I64Field(7, chunks[c].Size);
                    meta.I64Field(9, chunks[c].Offset);
                });
            });
            meta.I64Field(2, chunks.Sum(c => c.Size));
            meta.I64Field(3, result.RowCount);
        });
        meta.StringField(6, "covid-analysis Covid.Client");
        meta.End();
    }

    private static int PhysicalType(ColumnKind kind) => kind switch
    {
        ColumnKind.Date => Int32,
        ColumnKind.Int64 => Int64,
        ColumnKind.Double => Double,
        _ => ByteArray,
    };
}
