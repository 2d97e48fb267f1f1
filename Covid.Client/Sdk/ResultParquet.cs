using Parquet;
using Parquet.Schema;

namespace Covid.Client;

/// <summary>An <see cref="AnalysisResult"/> as Parquet, through Parquet.Net's column API (no reflection, so it runs under Native AOT).</summary>
internal static class ResultParquet
{
    public static async Task WriteAsync(AnalysisResult result, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var fields = result.Columns.Select(Field).ToArray();
        // Parquet writes its footer last and seeks while writing: buffer for streams that cannot (stdout, pipes).
        var target = stream.CanSeek ? stream : new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), target, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < fields.Length; c++)
            {
                await WriteColumnAsync(group, fields[c], result, c, cancellationToken).ConfigureAwait(false);
            }
        }
        if (!ReferenceEquals(target, stream))
        {
            target.Position = 0;
            await target.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    private static DataField Field(ResultColumn column) => column.Kind switch
    {
        ColumnKind.Date => new DataField<DateOnly?>(column.Name),
        ColumnKind.Int64 => new DataField<long?>(column.Name),
        ColumnKind.Double => new DataField<double?>(column.Name),
        _ => new DataField(column.Name, typeof(string), isNullable: true),
    };

    private static Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, AnalysisResult result, int column, CancellationToken cancellationToken)
    {
        var count = result.RowCount;
        return result.Columns[column].Kind switch
        {
            ColumnKind.Date => group.WriteAsync<DateOnly>(field, Fill(new DateOnly?[count], r => (DateOnly?)result.Cell(r, column)), cancellationToken: cancellationToken),
            ColumnKind.Int64 => group.WriteAsync<long>(field, Fill(new long?[count], r => (long?)result.Cell(r, column)), cancellationToken: cancellationToken),
            ColumnKind.Double => group.WriteAsync<double>(field, Fill(new double?[count], r => (double?)result.Cell(r, column)), cancellationToken: cancellationToken),
            _ => group.WriteAsync(field, Fill(new string?[count], r => (string?)result.Cell(r, column))!),
        };
    }

    private static T[] Fill<T>(T[] values, Func<int, T> cell)
    {
        for (var r = 0; r < values.Length; r++)
        {
            values[r] = cell(r);
        }
        return values;
    }
}
