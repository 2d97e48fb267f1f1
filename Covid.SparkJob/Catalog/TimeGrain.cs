namespace Covid.SparkJob.Catalog;

/// <summary>How often a dataset has a row per group: one per day, per week, or per respiratory season.</summary>
public enum GrainUnit
{
    Day,
    Week,
    Season,
}

/// <summary>
/// The dataset's own period. Weekly datasets do not share one week: NHSN and NCHS weeks end on
/// Saturday (MMWR weeks, Sunday to Saturday); pwn4-m3yp's run Thursday to Wednesday. A weekly
/// dataset's time field is the day its week ends, which is how CDC assigns a week to a month.
/// </summary>
public sealed record TimeGrain(GrainUnit Unit, DayOfWeek WeekEnds = DayOfWeek.Saturday)
{
    public static TimeGrain Day { get; } = new(GrainUnit.Day);

    /// <summary>MMWR weeks: Sunday to Saturday, the week's number and year as CDC counts them.</summary>
    public bool IsMmwrWeek => Unit == GrainUnit.Week && WeekEnds == DayOfWeek.Saturday;

    /// <summary>The first day of the week (the day after <see cref="WeekEnds"/>).</summary>
    public DayOfWeek WeekStarts => (DayOfWeek)(((int)WeekEnds + 1) % 7);

    /// <summary>The schema file's spelling: "day", "season" or "week-ending-saturday".</summary>
    public string Code => Unit switch
    {
        GrainUnit.Week => "week-ending-" + WeekEnds.ToString().ToLowerInvariant(),
        _ => Unit.ToString().ToLowerInvariant(),
    };

    /// <summary>For people, e.g. "weeks from Thursday to Wednesday".</summary>
    public string Describe() => Unit switch
    {
        GrainUnit.Day => "days",
        GrainUnit.Season => "respiratory seasons (MMWR week 40 to week 39)",
        _ when IsMmwrWeek => "MMWR weeks (Sunday to Saturday)",
        _ => $"weeks from {WeekStarts} to {WeekEnds}",
    };

    public static bool TryParse(string code, out TimeGrain grain)
    {
        grain = Day;
        switch (code)
        {
            case "day":
                return true;
            case "season":
                grain = new TimeGrain(GrainUnit.Season);
                return true;
        }
        const string prefix = "week-ending-";
        if (code.StartsWith(prefix, StringComparison.Ordinal)
            && Enum.TryParse<DayOfWeek>(code[prefix.Length..], ignoreCase: true, out var end)
            && code[prefix.Length..].All(char.IsLower))
        {
            grain = new TimeGrain(GrainUnit.Week, end);
            return true;
        }
        return false;
    }
}
