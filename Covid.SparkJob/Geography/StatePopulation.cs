using System.Collections.Frozen;

namespace Covid.SparkJob.Geography;

/// <summary>
/// Resident population of the 50 states, DC and Puerto Rico on July 1, 2019: U.S. Census Bureau,
/// "Annual Estimates of the Resident Population for the United States, Regions, States, and Puerto
/// Rico: April 1, 2010 to July 1, 2019" (NST-EST2019-alldata, column POPESTIMATE2019). Kept as facts
/// in the code (52 numbers) so per-100k rates need no file at run time; a test checks every number
/// against the Census CSV. Other jurisdictions (NYC, Guam, the Virgin Islands, American Samoa, the
/// Northern Marianas and the freely associated states) have no estimate in that table, so their
/// per-100k rates are null rather than a guess.
/// </summary>
public static class StatePopulation
{
    public const string Source = "U.S. Census Bureau NST-EST2019-alldata, POPESTIMATE2019 (July 1, 2019)";

    /// <summary>The table's United States row (the 50 states and DC; Puerto Rico is not in it).</summary>
    public const long UnitedStates = 328_239_523;

    /// <summary>Postal code → POPESTIMATE2019.</summary>
    public static FrozenDictionary<string, long> Estimates { get; } = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        ["AL"] = 4_903_185,
        ["AK"] = 731_545,
        ["AZ"] = 7_278_717,
        ["AR"] = 3_017_804,
        ["CA"] = 39_512_223,
        ["CO"] = 5_758_736,
        ["CT"] = 3_565_287,
        ["DE"] = 973_764,
        ["DC"] = 705_749,
        ["FL"] = 21_477_737,
        ["GA"] = 10_617_423,
        ["HI"] = 1_415_872,
        ["ID"] = 1_787_065,
        ["IL"] = 12_671_821,
        ["IN"] = 6_732_219,
        ["IA"] = 3_155_070,
        ["KS"] = 2_913_314,
        ["KY"] = 4_467_673,
        ["LA"] = 4_648_794,
        ["ME"] = 1_344_212,
        ["MD"] = 6_045_680,
        ["MA"] = 6_892_503,
        ["MI"] = 9_986_857,
        ["MN"] = 5_639_632,
        ["MS"] = 2_976_149,
        ["MO"] = 6_137_428,
        ["MT"] = 1_068_778,
        ["NE"] = 1_934_408,
        ["NV"] = 3_080_156,
        ["NH"] = 1_359_711,
        ["NJ"] = 8_882_190,
        ["NM"] = 2_096_829,
        ["NY"] = 19_453_561,
        ["NC"] = 10_488_084,
        ["ND"] = 762_062,
        ["OH"] = 11_689_100,
        ["OK"] = 3_956_971,
        ["OR"] = 4_217_737,
        ["PA"] = 12_801_989,
        ["RI"] = 1_059_361,
        ["SC"] = 5_148_714,
        ["SD"] = 884_659,
        ["TN"] = 6_829_174,
        ["TX"] = 28_995_881,
        ["UT"] = 3_205_958,
        ["VT"] = 623_989,
        ["VA"] = 8_535_519,
        ["WA"] = 7_614_893,
        ["WV"] = 1_792_147,
        ["WI"] = 5_822_434,
        ["WY"] = 578_759,
        ["PR"] = 3_193_694,
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
