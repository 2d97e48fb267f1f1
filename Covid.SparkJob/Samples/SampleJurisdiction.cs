namespace Covid.SparkJob.Samples;

/// <summary>
/// How the synthetic sample shapes one jurisdiction's epidemic: its size (approximate 2019
/// population, in thousands), how hard each wave hit it, and how it reports.
/// </summary>
/// <param name="Spring">Relative weight of the spring 2020 wave (the Northeast was hit first).</param>
/// <param name="Summer">Relative weight of the summer 2020 wave (the South and West).</param>
/// <param name="Reporting">Whether it splits confirmed and probable counts; others leave those cells empty.</param>
/// <param name="Consent">What it writes in consent_cases/consent_deaths ("" for an empty cell).</param>
internal sealed record SampleJurisdiction(string Code, int PopulationThousands, double Spring, double Summer, bool Reporting, string Consent)
{
    public static IReadOnlyList<SampleJurisdiction> All { get; } =
    [
        new("AK", 732, 0.1, 0.4, true, "Agree"), new("AL", 4903, 0.3, 1.4, true, "Agree"),
        new("AR", 3018, 0.2, 1.1, true, "Not agree"), new("AZ", 7279, 0.2, 2.0, false, "Agree"),
        new("CA", 39512, 0.3, 1.3, false, "Not agree"), new("CO", 5759, 0.6, 0.6, true, "Agree"),
        new("CT", 3565, 2.2, 0.3, true, "Agree"), new("DE", 974, 1.2, 0.5, true, "Agree"),
        new("FL", 21478, 0.3, 1.9, false, "Not agree"), new("GA", 10617, 0.5, 1.5, true, "Agree"),
        new("HI", 1416, 0.1, 0.5, false, "Not agree"), new("IA", 3155, 0.5, 0.8, false, "Not agree"),
        new("ID", 1787, 0.2, 1.0, true, "Agree"), new("IL", 12672, 1.2, 0.6, true, "Agree"),
        new("IN", 6732, 0.8, 0.6, true, "Agree"), new("KS", 2913, 0.3, 0.8, true, "Agree"),
        new("KY", 4468, 0.3, 0.7, true, "Agree"), new("LA", 4649, 1.6, 1.5, true, "Not agree"),
        new("MA", 6893, 2.3, 0.3, true, "Agree"), new("MD", 6046, 1.3, 0.6, true, "Agree"),
        new("ME", 1344, 0.2, 0.1, true, "Agree"), new("MI", 9987, 1.5, 0.4, true, "Agree"),
        new("MN", 5640, 0.5, 0.6, true, "Agree"), new("MO", 6137, 0.3, 0.9, false, "Not agree"),
        new("MS", 2976, 0.6, 1.5, true, "Agree"), new("MT", 1069, 0.1, 0.5, true, "Agree"),
        new("NC", 10488, 0.3, 1.0, true, "Agree"), new("ND", 762, 0.2, 0.6, false, "Not agree"),
        new("NE", 1934, 0.6, 0.7, false, "Not agree"), new("NH", 1360, 0.6, 0.2, false, "Not agree"),
        new("NJ", 8882, 3.0, 0.3, true, "Agree"), new("NM", 2097, 0.4, 0.6, true, "Agree"),
        new("NV", 3080, 0.4, 1.2, false, "Not agree"), new("NY", 11140, 2.6, 0.2, false, "Not agree"),
        new("OH", 11689, 0.5, 0.6, true, "Agree"), new("OK", 3957, 0.2, 0.9, true, "Agree"),
        new("OR", 4218, 0.2, 0.5, true, "Agree"), new("PA", 12802, 1.2, 0.4, true, "Agree"),
        new("RI", 1059, 1.8, 0.4, true, "Agree"), new("SC", 5149, 0.3, 1.6, true, "Agree"),
        new("SD", 885, 0.3, 0.5, true, "Agree"), new("TN", 6829, 0.3, 1.2, true, "Agree"),
        new("TX", 28996, 0.2, 1.8, false, "Not agree"), new("UT", 3206, 0.3, 1.0, true, "Agree"),
        new("VA", 8536, 0.6, 0.7, true, "Agree"), new("VT", 624, 0.5, 0.1, true, "Agree"),
        new("WA", 7615, 0.8, 0.6, false, "N/A"), new("WI", 5822, 0.4, 0.6, true, "Agree"),
        new("WV", 1792, 0.2, 0.5, true, "Agree"), new("WY", 579, 0.2, 0.4, true, "Agree"),
        new("DC", 706, 1.4, 0.4, false, ""), new("NYC", 8336, 4.0, 0.2, true, "Agree"),
        new("PR", 3194, 0.3, 1.0, false, "Not agree"), new("GU", 169, 0.1, 0.6, false, "Not agree"),
        new("VI", 107, 0.1, 0.8, false, "Not agree"), new("AS", 55, 0.0, 0.0, false, "N/A"),
        new("MP", 57, 0.05, 0.05, false, "N/A"), new("FSM", 114, 0.0, 0.0, false, "N/A"),
        new("PW", 18, 0.0, 0.0, false, "N/A"), new("RMI", 59, 0.0, 0.0, false, "N/A"),
    ];
}
