using Covid.SparkJob.Catalog;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using TimeBucket = Covid.V1.AnalysisSpec.Types.TimeBucket;

namespace Covid.SparkJob.Sql;

/// <summary>
/// Time buckets beyond the engines' date_trunc: MMWR weeks (EPIWEEK), respiratory seasons, a
/// dataset's own weeks (NATIVE), and the columns they add (mmwr_year, mmwr_week, season,
/// period_end). Every formula is written once here from four dialect primitives, so DuckDB and
/// Spark compute the same calendar: a week belongs to the MMWR year of its Wednesday, week 1
/// holds January 4, a season starts on the Sunday of MMWR week 40.
/// </summary>
internal abstract partial class SqlQueryBuilder
{
    /// <summary>The day of the week of a DATE, 0 for Sunday to 6 for Saturday.</summary>
    protected abstract string DayOfWeek(string date);

    /// <summary>The DATE <paramref name="days"/> (an integer expression) after <paramref name="date"/>.</summary>
    protected abstract string AddDays(string date, string days);

    /// <summary>The DATE of <paramref name="year"/> (an integer expression), month and day.</summary>
    protected abstract string MakeDate(string year, int month, int day);

    /// <summary>A SELECT of the integers <paramref name="low"/>..<paramref name="high"/> in <paramref name="column"/>; none when NULL.</summary>
    protected abstract string IntegerSeries(string low, string high, string column);

    /// <summary>The first day of the period holding <paramref name="date"/> (the time field, a week's end day for weekly data).</summary>
    private string PeriodOf(string date, AnalysisPlan plan) => plan.TimeBucket switch
    {
        TimeBucket.Epiweek => WeekStart(date, System.DayOfWeek.Sunday),
        TimeBucket.Season => SeasonStart(date),
        TimeBucket.Native => plan.Dataset.Schema.Grain.Unit switch
        {
            GrainUnit.Week => WeekStart(date, plan.Dataset.Schema.Grain.WeekStarts),
            GrainUnit.Season => SeasonStart(date),
            _ => Bucket(date, TimeBucket.Day),
        },
        var bucket => Bucket(date, bucket),
    };

    /// <summary>The value of a column that follows period (<see cref="TimeColumns"/>), from the period's first day.</summary>
    private string TimeColumn(string name, AnalysisPlan plan)
    {
        var period = Identifier(AnalysisPlan.PeriodColumn);
        return name switch
        {
            TimeColumns.MmwrYear => MmwrYear(period),
            TimeColumns.MmwrWeek => MmwrWeek(period),
            // DuckDB's concat skips NULLs, Spark's returns NULL: say NULL for a NULL period in both.
            TimeColumns.Season => $"CASE WHEN {period} IS NULL THEN NULL ELSE concat(CAST({MmwrYear(period)} AS STRING), '-', lpad(CAST(({MmwrYear(period)} + 1) % 100 AS STRING), 2, '0')) END",
            TimeColumns.PeriodEnd => plan.Dataset.Schema.Grain.Unit switch
            {
                GrainUnit.Week => AddDays(period, "6"),
                GrainUnit.Season => AddDays(Week40Start($"({MmwrYear(period)} + 1)"), "-1"),
                _ => period,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a time column"),
        };
    }

    /// <summary>The unit the gap-free grid steps by, or null for seasons (stepped by year of their start).</summary>
    private static TimeBucket? GridStep(AnalysisPlan plan) => plan.TimeBucket switch
    {
        TimeBucket.Epiweek => TimeBucket.Week,
        TimeBucket.Season => null,
        TimeBucket.Native => plan.Dataset.Schema.Grain.Unit switch
        {
            GrainUnit.Week => TimeBucket.Week,
            GrainUnit.Season => null,
            _ => TimeBucket.Day,
        },
        var bucket => bucket,
    };

    /// <summary>
    /// Every period start from <paramref name="low"/> to <paramref name="high"/> (both period
    /// starts, columns of <paramref name="boundsFrom"/>), indented as a subquery's body.
    /// </summary>
    private string Periods(string low, string high, string boundsFrom, AnalysisPlan plan)
    {
        if (GridStep(plan) is { } step)
        {
            return $"{Indent(PeriodSeries(low, high, step))}\n  FROM {boundsFrom}";
        }
        // Seasons are 52 or 53 weeks long: step by the year each starts in, then find its week 40.
        var year = Identifier("season_year");
        var years = $"{IntegerSeries(MmwrYear(low), MmwrYear(high), year)}\nFROM {boundsFrom}";
        return Indent($"SELECT {Week40Start(year)} AS {Identifier(AnalysisPlan.PeriodColumn)}\nFROM (\n{Indent(years)}\n) AS {Identifier("season_years")}");
    }

    private string WeekStart(string date, System.DayOfWeek start) =>
        AddDays(date, start == System.DayOfWeek.Sunday
            ? $"-{DayOfWeek(date)}"
            : $"-(({DayOfWeek(date)} + {7 - (int)start}) % 7)");

    /// <summary>The MMWR year of the week starting on <paramref name="sunday"/>: the year of its Wednesday.</summary>
    private string MmwrYear(string sunday) => $"CAST(year({AddDays(sunday, "3")}) AS BIGINT)";

    /// <summary>The MMWR week of the week starting on <paramref name="sunday"/>: its Wednesday's seventh of the year (both engines' / is DOUBLE).</summary>
    private string MmwrWeek(string sunday) => $"CAST(floor((dayofyear({AddDays(sunday, "3")}) - 1) / 7) AS BIGINT) + 1";

    /// <summary>The Sunday starting the season that holds <paramref name="date"/>: week 40 of its MMWR year, or of the year before for weeks 1..39.</summary>
    private string SeasonStart(string date)
    {
        var sunday = WeekStart(date, System.DayOfWeek.Sunday);
        return Week40Start($"(CASE WHEN {MmwrWeek(sunday)} >= 40 THEN {MmwrYear(sunday)} ELSE {MmwrYear(sunday)} - 1 END)");
    }

    /// <summary>The Sunday starting MMWR week 40 of <paramref name="year"/>: 39 weeks after the Sunday of the week holding January 4.</summary>
    private string Week40Start(string year)
    {
        var january4 = MakeDate(year, 1, 4);
        return AddDays(january4, $"273 - {DayOfWeek(january4)}");
    }
}
