namespace Covid.Server.Plots;

internal enum CalendarUnit
{
    Day,
    Month,
    Year,
}

/// <summary>A calendar-sensible distance between ticks: N days, N months from January, N years from year 0.</summary>
internal sealed record CalendarStep(CalendarUnit Unit, int Count)
{
    /// <summary>The tick dates from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public List<DateOnly> Between(DateOnly first, DateOnly last, DateOnly anchor)
    {
        var ticks = new List<DateOnly>();
        var date = Unit switch
        {
            // Day steps are counted from the anchor, so weekly ticks land on the data's weekday.
            CalendarUnit.Day => first.AddDays(Mod(anchor.DayNumber - first.DayNumber, Count)),
            CalendarUnit.Month => FirstMonth(first),
            _ => FirstYear(first),
        };
        // A label per tick is what is being planned; more than a few thousand is never chosen.
        while (date <= last && ticks.Count <= 5000)
        {
            ticks.Add(date);
            date = Unit switch
            {
                CalendarUnit.Day => date.AddDays(Count),
                CalendarUnit.Month => date.AddMonths(Count),
                _ => date.AddYears(Count),
            };
        }
        return ticks;
    }

    private DateOnly FirstMonth(DateOnly first)
    {
        var start = first.Day == 1 ? first : new DateOnly(first.Year, first.Month, 1).AddMonths(1);
        // Months at multiples of the step from January: quarters are Jan, Apr, Jul, Oct.
        return start.AddMonths(Mod(-(start.Month - 1), Count));
    }

    private DateOnly FirstYear(DateOnly first)
    {
        var year = first.DayOfYear == 1 ? first.Year : first.Year + 1;
        year += Mod(-year, Count);
        return year > DateOnly.MaxValue.Year ? DateOnly.MaxValue : new DateOnly(year, 1, 1);
    }

    private static int Mod(int value, int modulus) => ((value % modulus) + modulus) % modulus;
}
