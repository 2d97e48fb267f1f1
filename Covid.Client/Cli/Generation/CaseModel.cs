using System.Globalization;
using Covid.Synthetic;

namespace Covid.Cli.Generation;

/// <summary>
/// The proportions behind the synthetic case rows. Shares are rounded from CDC's published
/// national breakdowns of case surveillance data (COVID Data Tracker demographic and severity
/// views, 2020-2023); the aim is data that look and aggregate like the real export, not a model of it.
/// </summary>
internal sealed class CaseModel
{
    public static CaseModel Shared { get; } = new();

    private static readonly Categorical Age = new(
        ("0 - 9 Years", 6), ("10 - 19 Years", 12), ("20 - 29 Years", 17), ("30 - 39 Years", 15),
        ("40 - 49 Years", 14), ("50 - 59 Years", 13), ("60 - 69 Years", 10), ("70 - 79 Years", 6),
        ("80+ Years", 4), ("Missing", 2.5), ("NA", 0.5));

    private static readonly Categorical Sex = new(
        ("Female", 51.5), ("Male", 46.5), ("Unknown", 1.2), ("Missing", 0.6), ("Other", 0.1), ("NA", 0.1));

    private static readonly Categorical Race = new(
        ("White, Non-Hispanic", 36), ("Hispanic/Latino", 17), ("Black, Non-Hispanic", 8), ("Asian, Non-Hispanic", 2.8),
        ("Multiple/Other, Non-Hispanic", 2.4), ("American Indian/Alaska Native, Non-Hispanic", 0.7),
        ("Native Hawaiian/Other Pacific Islander, Non-Hispanic", 0.2), ("Unknown", 17), ("Missing", 15), ("NA", 0.9));

    private static readonly Categorical Status = new(("Laboratory-confirmed case", 85), ("Probable Case", 15));

    // Per age group index (the nine ten-year groups; Missing/NA use the 40-49 row): the chance a case
    // is hospitalised, dies, or has an underlying condition.
    private static readonly double[] HospRisk = [0.015, 0.01, 0.015, 0.025, 0.04, 0.07, 0.13, 0.22, 0.30];
    private static readonly double[] DeathRisk = [0.0001, 0.0001, 0.0003, 0.0008, 0.0025, 0.007, 0.02, 0.055, 0.15];
    private static readonly double[] MedcondRisk = [0.08, 0.10, 0.15, 0.22, 0.30, 0.42, 0.55, 0.65, 0.72];

    /// <summary>Share of an outcome column written "Missing" and "Unknown" instead of Yes/No.</summary>
    private static readonly (double Missing, double Unknown) HospReport = (0.35, 0.15), IcuReport = (0.70, 0.12),
        DeathReport = (0.40, 0.08), MedcondReport = (0.72, 0.05);

    private readonly EpidemicCurve _curve = new();
    private readonly string[] _dates;
    private readonly double[] _fatality;

    private CaseModel()
    {
        // Later dates (report, specimen) may run up to 30 days past the last case date.
        _dates = Enumerable.Range(0, _curve.Days + 31)
            .Select(i => EpidemicCurve.First.AddDays(i).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)).ToArray();
        _fatality = Enumerable.Range(0, _curve.Days).Select(i => FatalityFactor(EpidemicCurve.First.AddDays(i))).ToArray();
    }

    /// <summary>Deaths per case fell as testing widened, then with vaccines and Omicron.</summary>
    private static double FatalityFactor(DateOnly day) =>
        day < new DateOnly(2020, 6, 1) ? 2.5 : day < new DateOnly(2021, 7, 1) ? 1.0 : day < new DateOnly(2022, 1, 1) ? 0.9 : 0.35;

    public void WriteRow(TextWriter w, ref SplitMix64 r)
    {
        var day = _curve.DayIndex(r.NextDouble());
        var age = Age.Index(r.NextDouble());
        var risk = age < 9 ? age : 4;
        var hosp = r.NextDouble() < HospRisk[risk];
        var death = r.NextDouble() < DeathRisk[risk] * _fatality[day];
        // Most COVID deaths followed a hospital stay.
        hosp |= death && r.NextDouble() < 0.6;
        var icu = hosp && r.NextDouble() < (death ? 0.5 : 0.15);
        var medcond = r.NextDouble() < MedcondRisk[risk];

        // cdc_case_earliest_dt is the earliest of the dates present, so the case day is always one of them.
        var hasOnset = r.NextDouble() < 0.5;
        var hasSpecimen = r.NextDouble() < 0.75;
        var specimen = hasOnset ? day + (int)(r.NextDouble() * 5) : day;
        var hasReport = r.NextDouble() < 0.8 || !(hasOnset || hasSpecimen);
        var report = hasOnset || hasSpecimen ? specimen + 1 + (int)(r.NextDouble() * 14) : day;

        w.Write(_dates[day]);
        w.Write(',');
        w.Write(hasReport ? _dates[report] : "");
        w.Write(',');
        w.Write(hasSpecimen ? _dates[specimen] : "");
        w.Write(',');
        w.Write(hasOnset ? _dates[day] : "");
        w.Write(',');
        w.Write(Status.Cell(Status.Index(r.NextDouble())));
        w.Write(',');
        w.Write(Sex.Cell(Sex.Index(r.NextDouble())));
        w.Write(',');
        w.Write(Age.Cell(age));
        w.Write(',');
        w.Write(Race.Cell(Race.Index(r.NextDouble())));
        w.Write(',');
        w.Write(Reported(hosp, HospReport, r.NextDouble()));
        w.Write(',');
        w.Write(Reported(icu, IcuReport, r.NextDouble()));
        w.Write(',');
        w.Write(Reported(death, DeathReport, r.NextDouble()));
        w.Write(',');
        w.Write(Reported(medcond, MedcondReport, r.NextDouble()));
        w.Write('\n');
    }

    private static string Reported(bool value, (double Missing, double Unknown) shares, double u) =>
        u < shares.Missing ? "Missing" : u < shares.Missing + shares.Unknown ? "Unknown" : value ? "Yes" : "No";
}
