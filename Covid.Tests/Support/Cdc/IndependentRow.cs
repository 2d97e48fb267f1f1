using System.Globalization;

namespace Covid.Tests.Support.Cdc;

/// <summary>
/// One line of a 9mfq-cb36 export parsed by hand — string.Split and int parsing, nothing shared
/// with the engine — so expected values in tests do not inherit the engine's mistakes.
/// </summary>
public sealed record IndependentRow(DateOnly Date, string State, long? NewCase, long? NewDeath, long? TotCases, string ConsentCases)
{
    public static IReadOnlyList<IndependentRow> ReadAll(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.StartsWith("submission_date,state,tot_cases", lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(Parse).ToList();
    }

    private static IndependentRow Parse(string line)
    {
        var cells = line.Split(',');
        Assert.Equal(15, cells.Length);
        var mdy = cells[0].Split('/');
        var date = new DateOnly(int.Parse(mdy[2], CultureInfo.InvariantCulture), int.Parse(mdy[0], CultureInfo.InvariantCulture), int.Parse(mdy[1], CultureInfo.InvariantCulture));
        return new IndependentRow(date, cells[1], Long(cells[5]), Long(cells[10]), Long(cells[2]), cells[13]);
    }

    private static long? Long(string cell) => cell.Length == 0 ? null : long.Parse(cell, CultureInfo.InvariantCulture);

    /// <summary>The Monday starting the ISO week of <paramref name="date"/>, computed by hand.</summary>
    public static DateOnly Monday(DateOnly date)
    {
        var sinceMonday = ((int)date.DayOfWeek + 6) % 7;
        return date.AddDays(-sinceMonday);
    }
}
