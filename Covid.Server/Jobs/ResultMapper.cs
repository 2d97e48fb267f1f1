using System.Globalization;
using Covid.SparkJob.Results;
using Covid.V1;

namespace Covid.Server.Jobs;

/// <summary>An engine's row-form table and the contract's column-form <see cref="Result"/>, both ways.</summary>
public static class ResultMapper
{
    /// <summary>The stored result back in row form (to draw its chart).</summary>
    public static ResultTable ToTable(Result result)
    {
        var columns = result.Columns.Select(c => new ResultColumn(c.Name, FromProto(c.Type))).ToList();
        var rows = new List<object?[]>(checked((int)result.RowCount));
        for (var r = 0; r < result.RowCount; r++)
        {
            var row = new object?[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                row[c] = Cell(result.Columns[c], r);
            }
            rows.Add(row);
        }
        return new ResultTable(columns, rows);
    }

    private static object? Cell(Column column, int row)
    {
        if (column.Nulls.Count > 0 && column.Nulls[row])
        {
            return null;
        }
        return column.Type switch
        {
            Column.Types.Type.Date => DateOnly.ParseExact(column.StringValues[row], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Column.Types.Type.String => column.StringValues[row],
            Column.Types.Type.Int64 => column.Int64Values[row],
            Column.Types.Type.Double => column.DoubleValues[row],
            _ => throw new InvalidOperationException($"stored column {column.Name} has no type"),
        };
    }

    private static ColumnType FromProto(Column.Types.Type type) => type switch
    {
        Column.Types.Type.Date => ColumnType.Date,
        Column.Types.Type.String => ColumnType.String,
        Column.Types.Type.Int64 => ColumnType.Int64,
        Column.Types.Type.Double => ColumnType.Double,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown column type"),
    };

    public static Result ToProto(string id, ResultTable table)
    {
        var result = new Result { Analysis = AnalysisNames.Format(id), RowCount = table.Rows.Count };
        for (var c = 0; c < table.Columns.Count; c++)
        {
            result.Columns.Add(ToColumn(table.Columns[c], table.Rows.Select(r => r[c])));
        }
        return result;
    }

    public static Column.Types.Type ToProto(ColumnType type) => type switch
    {
        ColumnType.Date => Column.Types.Type.Date,
        ColumnType.String => Column.Types.Type.String,
        ColumnType.Int64 => Column.Types.Type.Int64,
        ColumnType.Double => Column.Types.Type.Double,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown column type"),
    };

    private static Column ToColumn(ResultColumn column, IEnumerable<object?> values)
    {
        var proto = new Column { Name = column.Name, Type = ToProto(column.Type) };
        var nulls = new List<bool>();
        foreach (var value in values)
        {
            nulls.Add(value is null);
            switch (column.Type)
            {
                case ColumnType.Date:
                    proto.StringValues.Add(value is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "");
                    break;
                case ColumnType.String:
                    proto.StringValues.Add((string?)value ?? "");
                    break;
                case ColumnType.Int64:
                    proto.Int64Values.Add(value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case ColumnType.Double:
                    proto.DoubleValues.Add(value is null ? 0 : Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
            }
        }
        // The contract leaves `nulls` empty when nothing is null, which keeps dense columns small.
        if (nulls.Contains(true))
        {
            proto.Nulls.AddRange(nulls);
        }
        return proto;
    }
}
