using System.Globalization;
using Covid.SparkJob.Catalog;
using Covid.Synthetic;

namespace Covid.SparkJob.Samples;

/// <summary>
/// A SYNTHETIC dataset in the exact layout of data.cdc.gov 9mfq-cb36 (same header, MM/DD/YYYY
/// dates, empty cells, 60 jurisdictions, 2020-01-22..2021-05-30) so the service can be shown
/// without the real export. The numbers are invented: three waves (spring 2020 in the Northeast,
/// summer 2020 in the South and West, winter 2020-21 everywhere), deaths following cases by two
/// weeks, and rare negative corrections. Deterministic: the same bytes every time.
/// </summary>
public static class CasesDeathsSample
{
    /// <summary>The schema the sample is written for.</summary>
    public const string SchemaName = "cdc-cases-deaths-by-state";

    // How 9mfq-cb36 writes its dates and timestamps (its schema file's rows.csv formats).
    private const string DateFormat = "MM/dd/yyyy";
    private const string TimestampFormat = "MM/dd/yyyy hh:mm:ss tt";

    public static readonly DateOnly First = new(2020, 1, 22);
    public static readonly DateOnly Last = new(2021, 5, 30);

    // CDC began publishing probable counts on 2020-04-14; before that those cells are empty.
    private static readonly DateOnly ProbableFrom = new(2020, 4, 14);
    private static readonly DateOnly CreatedBackfill = new(2020, 3, 26);

    public static void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        // "\n" explicitly: the export uses LF whatever the platform's NewLine.
        writer.Write(string.Join(",", SchemaCatalog.BuiltIn.Get(SchemaName).CsvFields.Select(f => f.HeaderName)) + "\n");
        foreach (var place in SampleJurisdiction.All)
        {
            WriteJurisdiction(writer, place);
        }
    }

    private static void WriteJurisdiction(TextWriter writer, SampleJurisdiction place)
    {
        var random = SplitMix64.For(place.Code);
        var outbreak = place.Code == "WA" ? First : new DateOnly(2020, 3, 1).AddDays((int)(random.NextDouble() * 14));
        var expected = new List<double>();
        long totCases = 0, totDeaths = 0, lastProbCases = 0, lastProbDeaths = 0;
        for (var day = First; day <= Last; day = day.AddDays(1))
        {
            var rate = day < outbreak || place.Spring + place.Summer == 0 ? 0 : Incidence(place, day);
            var mean = place.PopulationThousands * 10.0 * rate / 1000.0;
            expected.Add(mean);
            var newCase = (long)Math.Round(mean * Weekday(day) * (0.8 + 0.4 * random.NextDouble()));
            if (day > new DateOnly(2020, 5, 1) && random.NextDouble() < 0.004)
            {
                newCase = -(long)Math.Round(mean * 0.3 * random.NextDouble()) - 1;
            }
            newCase = Math.Max(newCase, -totCases);
            var lagged = expected.Count > 14 ? expected[^15] : 0;
            var newDeath = Math.Max((long)Math.Round(lagged * Fatality(day) * (0.6 + 0.8 * random.NextDouble())), -totDeaths);
            totCases += newCase;
            totDeaths += newDeath;

            var split = place.Reporting && day >= ProbableFrom && random.NextDouble() >= 0.01;
            long probCases = split ? (long)Math.Round(totCases * 0.08) : lastProbCases;
            long probDeaths = split ? (long)Math.Round(totDeaths * 0.05) : lastProbDeaths;
            var pnew = day < ProbableFrom ? "" : split ? I(probCases - lastProbCases) : "0";
            var pnewDeath = day < ProbableFrom ? "" : split ? I(probDeaths - lastProbDeaths) : "0";
            (lastProbCases, lastProbDeaths) = (probCases, probDeaths);

            writer.Write(string.Join(",",
                D(day), place.Code, I(totCases),
                split ? I(totCases - probCases) : "", split ? I(probCases) : "", I(newCase), pnew,
                I(totDeaths),
                split ? I(totDeaths - probDeaths) : "", split ? I(probDeaths) : "", I(newDeath), pnewDeath,
                Created(day, ref random), place.Consent, place.Consent) + "\n");
        }
    }

    /// <summary>New cases per 100,000 people per day.</summary>
    private static double Incidence(SampleJurisdiction place, DateOnly day)
    {
        var baseline = day >= new DateOnly(2020, 6, 1) ? 5.0 : 1.0;
        return baseline
            + 20.0 * place.Spring * Wave(day, new DateOnly(2020, 4, 8), 18)
            + 25.0 * place.Summer * Wave(day, new DateOnly(2020, 7, 18), 20)
            + 60.0 * Wave(day, new DateOnly(2021, 1, 8), 28)
            + 12.0 * Wave(day, new DateOnly(2021, 4, 10), 20);
    }

    private static double Wave(DateOnly day, DateOnly peak, double width)
    {
        var x = (day.DayNumber - peak.DayNumber) / width;
        return Math.Exp(-0.5 * x * x);
    }

    /// <summary>Fewer reports on weekends, a catch-up on Tuesdays, as in the real series.</summary>
    private static double Weekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Sunday => 0.7,
        DayOfWeek.Monday => 0.8,
        DayOfWeek.Tuesday => 1.25,
        _ => 1.05,
    };

    /// <summary>Deaths per case: high while testing was scarce, lower once it was not.</summary>
    private static double Fatality(DateOnly day) => day < new DateOnly(2020, 6, 1) ? 0.06 : 0.017;

    private static string Created(DateOnly day, ref SplitMix64 random)
    {
        var created = day < CreatedBackfill
            ? CreatedBackfill.ToDateTime(new TimeOnly(16, 22, 39))
            : day.AddDays(1).ToDateTime(TimeOnly.MinValue).AddSeconds((int)(random.NextDouble() * 86_400));
        return created.ToString(TimestampFormat, CultureInfo.InvariantCulture);
    }

    private static string D(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
