using System.Globalization;

namespace Covid.Tests.Support.Cdc;

/// <summary>
/// An independent reading of a 9mfq-cb36 export in plain C# (no DuckDB, no SparkJob code), to check
/// the server's numbers against. The files have no quoted fields, so splitting on commas is exact.
/// </summary>
internal sealed record CdcCsv(DateOnly Date, string State, long? NewCase, long? NewDeath)
{
    public static List<CdcCsv> Read(string path) =>
        File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var cells = line.Split(',');
            return new CdcCsv(
                DateOnly.ParseExact(cells[0], "MM/dd/yyyy", CultureInfo.InvariantCulture),
                cells[1],
                Long(cells[5]),
                Long(cells[10]));
        }).ToList();

    /// <summary>The Monday starting the ISO week of a day.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static long? Long(string cell) =>
        cell.Length == 0 ? null : (long)decimal.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
}
