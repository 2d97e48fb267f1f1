namespace Covid.Cli.Generation;

/// <summary>
/// The shape of US case counts by day over 2020-2023, as a sum of waves whose peaks and sizes
/// follow the national 7-day averages CDC reported (thousands of cases a day): spring 2020,
/// summer 2020, winter 2020-21, spring 2021, Delta, Omicron, BA.5, winter 2022-23 and late summer
/// 2023; fewer specimens on weekends; reporting falls after the emergency ended on 2023-05-11.
/// A day is drawn by inverting the cumulative distribution.
/// </summary>
internal sealed class EpidemicCurve
{
    public static readonly DateOnly First = new(2020, 1, 1);
    public static readonly DateOnly Last = new(2023, 12, 31);

    private static readonly (DateOnly Peak, double Width, double Height)[] Waves =
    [
        (new(2020, 4, 10), 14, 30), (new(2020, 7, 20), 18, 65), (new(2021, 1, 8), 30, 250),
        (new(2021, 4, 12), 14, 70), (new(2021, 9, 1), 22, 160), (new(2022, 1, 14), 14, 800),
        (new(2022, 7, 20), 35, 125), (new(2022, 12, 20), 25, 65), (new(2023, 8, 30), 30, 20),
    ];

    private static readonly DateOnly FirstCase = new(2020, 1, 19);
    private static readonly DateOnly Spread = new(2020, 3, 1);
    private static readonly DateOnly EmergencyEnd = new(2023, 5, 11);

    private readonly double[] _cumulative;

    public EpidemicCurve()
    {
        var days = Last.DayNumber - First.DayNumber + 1;
        _cumulative = new double[days];
        var sum = 0.0;
        for (var i = 0; i < days; i++)
        {
            sum += Weight(First.AddDays(i));
            _cumulative[i] = sum;
        }
        for (var i = 0; i < days; i++)
        {
            _cumulative[i] /= sum;
        }
        _cumulative[^1] = 1.0;
    }

    public int Days => _cumulative.Length;

    /// <summary>The day index (0 = <see cref="First"/>) that <paramref name="u"/> in [0,1) falls on.</summary>
    public int DayIndex(double u)
    {
        var i = Array.BinarySearch(_cumulative, u);
        // Not found: the complement is the first element above u; an exact hit belongs to the next day.
        return i < 0 ? ~i : Math.Min(i + 1, _cumulative.Length - 1);
    }

    /// <summary>Relative expected cases on <paramref name="day"/>.</summary>
    public static double Weight(DateOnly day)
    {
        if (day < FirstCase)
        {
            return 0;
        }
        var level = day < Spread ? 0.01 : 5.0;
        foreach (var (peak, width, height) in Waves)
        {
            var x = (day.DayNumber - peak.DayNumber) / width;
            level += height * Math.Exp(-0.5 * x * x);
        }
        if (day > EmergencyEnd)
        {
            level *= 0.3;
        }
        return level * day.DayOfWeek switch
        {
            DayOfWeek.Sunday => 0.75,
            DayOfWeek.Saturday => 0.85,
            _ => 1.0,
        };
    }
}
