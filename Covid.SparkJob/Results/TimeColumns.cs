using TimeBucket = Covid.V1.AnalysisSpec.Types.TimeBucket;

namespace Covid.SparkJob.Results;

/// <summary>
/// The result columns a time bucket adds after <c>period</c>: the MMWR year and week of an
/// EPIWEEK, the label of a SEASON ("2023-24"), the last day of a NATIVE period.
/// </summary>
public static class TimeColumns
{
    public const string Period = "period";
    public const string MmwrYear = "mmwr_year";
    public const string MmwrWeek = "mmwr_week";
    public const string Season = "season";
    public const string PeriodEnd = "period_end";

    public static IReadOnlyList<ResultColumn> After(TimeBucket bucket) => bucket switch
    {
        TimeBucket.Epiweek => [new(MmwrYear, ColumnType.Int64), new(MmwrWeek, ColumnType.Int64)],
        TimeBucket.Season => [new(Season, ColumnType.String)],
        TimeBucket.Native => [new(PeriodEnd, ColumnType.Date)],
        _ => [],
    };

    /// <summary>period and the columns after it, for a spec with a time bucket.</summary>
    public static IReadOnlyList<ResultColumn> Of(TimeBucket bucket) =>
        bucket == TimeBucket.Unspecified ? [] : [new(Period, ColumnType.Date), .. After(bucket)];
}
