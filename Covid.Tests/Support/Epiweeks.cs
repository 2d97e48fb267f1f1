namespace Covid.Tests.Support;

/// <summary>
/// The CDC MMWR calendar written independently of the product for checking it: week 1 of a year
/// is the Sunday-to-Saturday week holding January 4; a season runs from week 40 to week 39.
/// </summary>
internal static class Epiweeks
{
    public static DateOnly Week1Sunday(int year)
    {
        var january4 = new DateOnly(year, 1, 4);
        return january4.AddDays(-(int)january4.DayOfWeek);
    }

    /// <summary>The MMWR year and week of a day, by searching the years around it.</summary>
    public static (int Year, int Week) Of(DateOnly day)
    {
        var year = day.Year + 1;
        while (Week1Sunday(year) > day)
        {
            year--;
        }
        return (year, (day.DayNumber - Week1Sunday(year).DayNumber) / 7 + 1);
    }

    public static DateOnly Sunday(DateOnly day) => day.AddDays(-(int)day.DayOfWeek);

    /// <summary>"2023-24" for a day from week 40 of 2023 to week 39 of 2024.</summary>
    public static string Season(DateOnly day)
    {
        var (year, week) = Of(day);
        var start = week >= 40 ? year : year - 1;
        return $"{start}-{(start + 1) % 100:00}";
    }

    /// <summary>The Sunday starting the season that holds <paramref name="day"/>.</summary>
    public static DateOnly SeasonStart(DateOnly day)
    {
        var (year, week) = Of(day);
        return Week1Sunday(week >= 40 ? year : year - 1).AddDays(7 * 39);
    }
}
