namespace Covid.SparkJob.Catalog;

/// <summary>
/// A date derived from an MMWR year and week: the Saturday that ends the week. MMWR weeks run
/// Sunday..Saturday and week 1 is the first week with at least four days in the year, i.e. the
/// week holding January 4 (CDC, "MMWR Week Fact Sheet").
/// </summary>
/// <param name="YearField">The field holding the MMWR year (e.g. "MMWR-YEAR"), or null with <paramref name="YearWeekField"/>.</param>
/// <param name="WeekField">The field holding the MMWR week number 1..53 (e.g. "MMWR-WEEK"), or null with <paramref name="YearWeekField"/>.</param>
/// <param name="YearWeekField">A field holding both as the number yyyyww (RESP-LENS "week": 202147).</param>
public sealed record MmwrWeekEnd(string? YearField, string? WeekField, string? YearWeekField = null) : FieldDerivation
{
    public override bool InQuery => false;

    /// <summary>The fields it is computed from.</summary>
    public IEnumerable<string> Sources => YearWeekField is { } yw ? [yw] : [YearField!, WeekField!];

    /// <summary>The Saturday ending MMWR week <paramref name="week"/> of <paramref name="year"/>.</summary>
    public static DateOnly EndDate(int year, int week)
    {
        var january4 = new DateOnly(year, 1, 4);
        var week1Sunday = january4.AddDays(-(int)january4.DayOfWeek);
        return week1Sunday.AddDays(7 * (week - 1) + 6);
    }

    /// <summary>The number of MMWR weeks in <paramref name="year"/>: 53 when next year's week 1 starts 53 weeks on.</summary>
    public static int WeeksIn(int year) =>
        EndDate(year + 1, 1).DayNumber - EndDate(year, 1).DayNumber == 53 * 7 ? 53 : 52;

    /// <summary>The MMWR year and week holding <paramref name="date"/>: the week belongs to the year of its Wednesday.</summary>
    public static (int Year, int Week) Of(DateOnly date)
    {
        var wednesday = date.AddDays(3 - (int)date.DayOfWeek);
        return (wednesday.Year, (wednesday.DayOfYear - 1) / 7 + 1);
    }
}
