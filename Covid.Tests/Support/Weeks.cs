namespace Covid.Tests.Support;

/// <summary>WEEK buckets as the spec defines them, computed by hand for expected values.</summary>
internal static class Weeks
{
    /// <summary>The Monday starting the ISO week of <paramref name="day"/>.</summary>
    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
