using Covid.SparkJob.Catalog;
using Covid.SparkJob.Results;
using Covid.V1;
using TimeBucket = Covid.V1.AnalysisSpec.Types.TimeBucket;

namespace Covid.SparkJob.Validation;

/// <summary>
/// The time bucket against the dataset's grain: never finer than the dataset's own periods (DAY
/// over weekly data), never another definition of the week (ISO WEEK over MMWR weeks, EPIWEEK over
/// Thursday-to-Wednesday weeks), never calendar years over seasons. And the columns a bucket adds
/// (mmwr_year, mmwr_week, season, period_end) must not collide with a group-by field of that name.
/// </summary>
internal static class TimeRules
{
    public static void Check(AnalysisSpec spec, DatasetSchema schema, Violations v)
    {
        if (Problem(spec.TimeBucket, schema) is { } problem)
        {
            v.Add("spec.time_bucket", problem);
        }
        var added = TimeColumns.After(spec.TimeBucket).Select(c => c.Name).ToList();
        for (var i = 0; i < spec.GroupBy.Count; i++)
        {
            if (added.Contains(spec.GroupBy[i], ResultNames.Comparer))
            {
                v.Add($"spec.group_by[{i}]", $"'{spec.GroupBy[i]}' is already a result column of {spec.TimeBucket.ToString().ToUpperInvariant()} (computed from period); drop it from group_by");
            }
        }
    }

    /// <summary>True when <paramref name="bucket"/> puts exactly one of the dataset's periods in each group (a cumulative total may then be summed over places).</summary>
    public static bool IsAtGrain(TimeBucket bucket, TimeGrain grain) => grain.Unit switch
    {
        GrainUnit.Day => bucket is TimeBucket.Day or TimeBucket.Native,
        GrainUnit.Week => bucket == TimeBucket.Native || (bucket == TimeBucket.Epiweek && grain.IsMmwrWeek),
        _ => bucket is TimeBucket.Season or TimeBucket.Native,
    };

    /// <summary>The bucket(s) that give the dataset's own periods, for messages.</summary>
    public static string AtGrain(TimeGrain grain) => grain.Unit switch
    {
        GrainUnit.Day => "DAY (or NATIVE)",
        GrainUnit.Week when grain.IsMmwrWeek => "EPIWEEK or NATIVE",
        GrainUnit.Week => "NATIVE",
        _ => "SEASON (or NATIVE)",
    };

    private static string? Problem(TimeBucket bucket, DatasetSchema schema)
    {
        var grain = schema.Grain;
        var own = $"{schema.Name}'s grain is {grain.Describe()}";
        return (grain.Unit, bucket) switch
        {
            (GrainUnit.Day, _) or (_, TimeBucket.Unspecified or TimeBucket.Native) => null,
            (GrainUnit.Week, TimeBucket.Day) => $"DAY is finer than the data: {own}; use {AtGrain(grain)} for its weeks, or MONTH, SEASON or YEAR",
            (GrainUnit.Week, TimeBucket.Week) => $"WEEK means ISO weeks (Monday to Sunday), another week than the data's: {own}; use {AtGrain(grain)} for its weeks, or MONTH, SEASON or YEAR",
            (GrainUnit.Week, TimeBucket.Epiweek) when !grain.IsMmwrWeek => $"EPIWEEK means MMWR weeks (Sunday to Saturday), another week than the data's: {own}; use NATIVE for its weeks, or MONTH, SEASON or YEAR",
            (GrainUnit.Season, TimeBucket.Year) => $"YEAR means calendar years, which cut seasons in two: {own}; use SEASON (or NATIVE)",
            (GrainUnit.Season, not TimeBucket.Season) => $"{bucket.ToString().ToUpperInvariant()} is finer than the data: {own}; use SEASON (or NATIVE)",
            _ => null,
        };
    }
}
