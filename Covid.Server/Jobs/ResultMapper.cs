using System.Globalization;
using Covid.SparkJob.Results;
using Covid.V1;

namespace Covid.Server.Jobs;

/// <summary>Turns an engine's row-form table into the contract's column-form <see cref="Result"/>.</summary>
public static class ResultMapper
{
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
