using System.Text;
using Google.Protobuf.Collections;
using Covid.V1;

namespace Covid.Server.Grpc;

/// <summary>
/// GetResult a page at a time (AIP-158): at most <c>page_size</c> rows, and never more than
/// <see cref="MaxBytes"/> encoded, so a client with gRPC's default 4 MB receive limit reads any
/// result, however wide its rows.
/// </summary>
internal static class ResultPages
{
    public const int DefaultRows = 10_000;
    public const int MaxRows = 100_000;
    public const int MaxBytes = 2 * 1024 * 1024;

    public static Result Page(string id, Result full, long start, int size)
    {
        var end = FittingEnd(full, start, Math.Min(full.RowCount, start + size));
        var page = new Result
        {
            Analysis = full.Analysis,
            // Every page says where its numbers come from.
            DatasetVersion = full.DatasetVersion,
            CompareVersion = full.CompareVersion,
            RowCount = end - start,
            TotalRowCount = full.RowCount,
            NextPageToken = end < full.RowCount ? PageToken.EncodeResult(id, end) : "",
        };
        int from = (int)start, count = (int)(end - start);
        foreach (var column in full.Columns)
        {
            var slice = new Column { Name = column.Name, Type = column.Type };
            Copy(column.Nulls, slice.Nulls, from, count);
            Copy(column.StringValues, slice.StringValues, from, count);
            Copy(column.Int64Values, slice.Int64Values, from, count);
            Copy(column.DoubleValues, slice.DoubleValues, from, count);
            page.Columns.Add(slice);
        }
        return page;
    }

    /// <summary>Rows [from, from + count) of a filled list (empty lists stay empty: no nulls, or another type's values).</summary>
    private static void Copy<T>(RepeatedField<T> from, RepeatedField<T> to, int start, int count)
    {
        if (from.Count == 0)
        {
            return;
        }
        for (var i = start; i < start + count; i++)
        {
            to.Add(from[i]);
        }
    }

    /// <summary>The row after the last one that fits in <see cref="MaxBytes"/> (at least one row), up to <paramref name="end"/>.</summary>
    private static long FittingEnd(Result full, long start, long end)
    {
        long bytes = 0;
        for (var row = start; row < end; row++)
        {
            bytes += RowBytes(full, (int)row);
            if (bytes > MaxBytes && row > start)
            {
                return row;
            }
        }
        return end;
    }

    /// <summary>An upper bound of what one row adds to the encoded page (tags, lengths, values).</summary>
    private static long RowBytes(Result full, int row)
    {
        long bytes = 0;
        foreach (var column in full.Columns)
        {
            bytes += column.Nulls.Count > 0 ? 1 : 0;
            bytes += column.Type switch
            {
                Column.Types.Type.Int64 => 10,
                Column.Types.Type.Double => 8,
                _ => 4 + Encoding.UTF8.GetByteCount(column.StringValues[row]),
            };
        }
        return bytes;
    }
}
