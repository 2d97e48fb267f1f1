namespace Covid.Client;

/// <summary>How rows are bucketed in time; the bucket's first day becomes the <c>period</c> result column.</summary>
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
}
