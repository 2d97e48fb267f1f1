using System.Globalization;
using OxyPlot.Axes;

namespace Covid.Server.Plots;

/// <summary>
/// A date axis over day numbers (<see cref="DateOnly.DayNumber"/>) whose ticks fall on calendar
/// boundaries — days, weeks on the data's own weekday, the 1st of months, quarters, January 1st —
/// at the finest step whose labels fit the axis, so any range from a fortnight to decades reads
/// with at least four labels. OxyPlot's own date axis puts month ticks off the 1st, so month
/// buckets would sit between labels.
/// </summary>
internal sealed class CalendarAxis : LinearAxis
{
    /// <summary>Pixels a label needs, by how precise it is (DejaVu Sans at OxyPlot's default size, plus a gap).</summary>
    private const double DayLabelPixels = 95, MonthLabelPixels = 75, YearLabelPixels = 55;
    private const int MinimumLabels = 4;

    private static readonly CalendarStep[] Steps =
    [
        new(CalendarUnit.Day, 1), new(CalendarUnit.Day, 2), new(CalendarUnit.Day, 7), new(CalendarUnit.Day, 14),
        new(CalendarUnit.Month, 1), new(CalendarUnit.Month, 2), new(CalendarUnit.Month, 3), new(CalendarUnit.Month, 6),
        new(CalendarUnit.Year, 1), new(CalendarUnit.Year, 2), new(CalendarUnit.Year, 5), new(CalendarUnit.Year, 10),
        new(CalendarUnit.Year, 25), new(CalendarUnit.Year, 50), new(CalendarUnit.Year, 100),
    ];

    private readonly DateOnly anchor;
    private readonly double pixelsHint;
    private CalendarStep step = Steps[0];

    /// <param name="anchor">A date of the data: weekly ticks fall on its weekday, so they sit on weekly points.</param>
    /// <param name="pixelsHint">The axis length to plan labels for until the chart has been laid out.</param>
    public CalendarAxis(DateOnly anchor, double pixelsHint)
    {
        this.anchor = anchor;
        this.pixelsHint = pixelsHint;
        Position = AxisPosition.Bottom;
    }

    public static double ToDouble(DateOnly date) => date.DayNumber;

    /// <summary>The step chosen at the last layout, for tests.</summary>
    internal CalendarStep ChosenStep => step;

    /// <summary>
    /// The labelled dates between <paramref name="first"/> and <paramref name="last"/> for an axis
    /// <paramref name="pixels"/> long: the finest step whose labels fit; when that gives fewer than
    /// four, the coarsest step that gives four (crowded, but a narrow chart still reads).
    /// </summary>
    internal IReadOnlyList<DateOnly> Ticks(DateOnly first, DateOnly last, double pixels)
    {
        (CalendarStep Step, List<DateOnly> Ticks)? enough = null;
        foreach (var candidate in Steps)
        {
            var ticks = candidate.Between(first, last, anchor);
            var fits = ticks.Count * LabelPixels(candidate) <= pixels;
            if (fits && ticks.Count >= MinimumLabels)
            {
                return Choose(candidate, ticks);
            }
            if (fits || candidate == Steps[^1])
            {
                return enough is { } crowded ? Choose(crowded.Step, crowded.Ticks) : Choose(candidate, ticks);
            }
            if (ticks.Count >= MinimumLabels)
            {
                enough = (candidate, ticks);
            }
        }
        return [];
    }

    private List<DateOnly> Choose(CalendarStep chosen, List<DateOnly> ticks)
    {
        step = chosen;
        return ticks;
    }

    public override void GetTickValues(out IList<double> majorLabelValues, out IList<double> majorTickValues, out IList<double> minorTickValues)
    {
        var first = DateOnly.FromDayNumber((int)Math.Ceiling(ActualMinimum));
        var last = DateOnly.FromDayNumber((int)Math.Floor(ActualMaximum));
        var length = Math.Abs(ScreenMax.X - ScreenMin.X);
        var ticks = last < first ? [] : Ticks(first, last, length > 1 ? length : pixelsHint);
        majorLabelValues = majorTickValues = ticks.Select(ToDouble).ToList();
        minorTickValues = [];
    }

    protected override string FormatValueOverride(double x) =>
        DateOnly.FromDayNumber((int)Math.Round(x)).ToString(step.Unit switch
        {
            CalendarUnit.Day => "yyyy-MM-dd",
            CalendarUnit.Month => "yyyy-MM",
            _ => "yyyy",
        }, CultureInfo.InvariantCulture);

    private static double LabelPixels(CalendarStep candidate) => candidate.Unit switch
    {
        CalendarUnit.Day => DayLabelPixels,
        CalendarUnit.Month => MonthLabelPixels,
        _ => YearLabelPixels,
    };
}
