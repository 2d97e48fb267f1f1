namespace Covid.Client;

/// <summary>
/// How rows are bucketed in time; the bucket's first day becomes the <c>period</c> result column.
/// A bucket finer than the dataset's grain, or of another week definition, is refused by the server.
/// </summary>
public enum TimeBucket
{
    /// <summary>No time bucket: no <c>period</c> column.</summary>
    None = 0,
    /// <summary>One period per day.</summary>
    Day = 1,
    /// <summary>ISO weeks, starting on Monday.</summary>
    Week = 2,
    /// <summary>Calendar months.</summary>
    Month = 3,
    /// <summary>MMWR (epidemiological) weeks, Sunday to Saturday; adds the columns <c>mmwr_year</c> and <c>mmwr_week</c>.</summary>
    Epiweek = 4,
    /// <summary>Respiratory seasons, MMWR week 40 to week 39 of the next year; adds the column <c>season</c> (e.g. "2023-24").</summary>
    Season = 5,
    /// <summary>The dataset's own periods (days, or its weeks whatever day they start); adds the column <c>period_end</c>.</summary>
    Native = 6,
    /// <summary>Calendar years (<c>period</c> is January 1).</summary>
    Year = 7,
}
