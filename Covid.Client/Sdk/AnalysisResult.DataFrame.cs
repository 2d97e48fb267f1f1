using Microsoft.Data.Analysis;

namespace Covid.Client;

public sealed partial class AnalysisResult
{
    /// <summary>
    /// The table as a Microsoft.Data.Analysis <see cref="DataFrame"/>, one column per result column:
    /// dates as <see cref="DateTimeDataFrameColumn"/> (midnight), strings, <see cref="long"/> and
    /// <see cref="double"/> columns, nulls kept.
    /// </summary>
    public DataFrame ToDataFrame()
    {
        var columns = new List<DataFrameColumn>(Columns.Count);
        for (var c = 0; c < Columns.Count; c++)
        {
            var name = Columns[c].Name;
            var values = cells[c];
            columns.Add(Columns[c].Kind switch
            {
                ColumnKind.Date => new DateTimeDataFrameColumn(name, values.Select(v => ((DateOnly?)v)?.ToDateTime(TimeOnly.MinValue))),
                ColumnKind.Int64 => new Int64DataFrameColumn(name, values.Select(v => (long?)v)),
                ColumnKind.Double => new DoubleDataFrameColumn(name, values.Select(v => (double?)v)),
                _ => new StringDataFrameColumn(name, values.Select(v => (string?)v)),
            });
        }
        return new DataFrame(columns);
    }
}
