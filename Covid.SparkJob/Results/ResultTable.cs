namespace Covid.SparkJob.Results;

/// <summary>
/// An aggregate table in row form. Each cell is null or the CLR type of its column
/// (<see cref="DateOnly"/>, string, long, double), whatever engine produced it.
/// </summary>
public sealed record ResultTable(IReadOnlyList<ResultColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
            {
                return i;
            }
        }
        return -1;
    }
}
