using System.Globalization;
using Covid.SparkJob.Results;

namespace Covid.Tests.Support.Reference;

/// <summary>Row-by-row, cell-by-cell comparison; doubles to 1e-9 relative (summation order differs between engines).</summary>
internal static class AssertTables
{
    public static void Equal(IReadOnlyList<string> columns, IReadOnlyList<object?[]> expected, ResultTable actual)
    {
        Assert.Equal(columns, actual.Columns.Select(c => c.Name));
        Assert.True(expected.Count == actual.Rows.Count, $"expected {expected.Count} rows, got {actual.Rows.Count}");
        for (var r = 0; r < expected.Count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                var (e, a) = (expected[r][c], actual.Rows[r][c]);
                var where = $"row {r} column {columns[c]}: expected {Show(e)}, got {Show(a)}";
                if (e is double or float || a is double)
                {
                    Assert.True(e is not null == a is not null, where);
                    if (e is not null)
                    {
                        var (x, y) = (Convert.ToDouble(e, CultureInfo.InvariantCulture), Convert.ToDouble(a, CultureInfo.InvariantCulture));
                        Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)), where);
                    }
                }
                else
                {
                    Assert.True(Equals(e, a), where);
                }
            }
        }
    }

    private static string Show(object? value) => value is null ? "null" : $"{value} ({value.GetType().Name})";
}
