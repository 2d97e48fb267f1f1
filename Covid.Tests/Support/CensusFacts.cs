using System.Globalization;
using Covid.Tests.Support.Reference;
using Covid.Tests.Support.Sql;

using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Support;

/// <summary>
/// Populations for checking per-100k rates, from the Census NST-EST2019 file read by hand and the
/// HHS regions as HHS lists them (typed here independently of the product's tables).
/// </summary>
internal static class CensusFacts
{
    private static readonly Dictionary<int, string[]> Regions = new()
    {
        [1] = ["CT", "ME", "MA", "NH", "RI", "VT"],
        [2] = ["NJ", "NY", "PR", "VI"],
        [3] = ["DE", "DC", "MD", "PA", "VA", "WV"],
        [4] = ["AL", "FL", "GA", "KY", "MS", "NC", "SC", "TN"],
        [5] = ["IL", "IN", "MI", "MN", "OH", "WI"],
        [6] = ["AR", "LA", "NM", "OK", "TX"],
        [7] = ["IA", "KS", "MO", "NE"],
        [8] = ["CO", "MT", "ND", "SD", "UT", "WY"],
        [9] = ["AZ", "CA", "HI", "NV", "AS", "GU", "MP", "FM", "MH", "PW"],
        [10] = ["AK", "ID", "OR", "WA"],
    };

    /// <summary>The 50 states and DC.</summary>
    public static HashSet<string> StatesAndDc { get; } = CensusCsv.Postal.Values.Where(c => c != "PR").ToHashSet(StringComparer.Ordinal);

    public static long State(string postal) => CensusCsv.PopEstimate2019[postal];

    /// <summary>The members of the region that have a row in the Census table (its island areas have none).</summary>
    public static long Region(int region) => Regions[region].Where(CensusCsv.PopEstimate2019.ContainsKey).Sum(State);

    /// <summary>The file's United States row (SUMLEV 010).</summary>
    public static long UnitedStates { get; } = File.ReadLines(CdcFiles.Get(CensusCsv.FileName), System.Text.Encoding.Latin1)
        .Select(l => l.Split(','))
        .Where(c => c[0] == "010")
        .Select(c => long.Parse(c[16], CultureInfo.InvariantCulture))
        .Single();

    public static string PostalOf(string name) => CensusCsv.Postal[name];

    /// <summary>The postal code of a state's full name, "" for anything else (a city, the nation).</summary>
    public static string PostalOrEmpty(string name) => CensusCsv.Postal.GetValueOrDefault(name, "");

    public static double Per100k(double count, long residents) => count * 100_000 / residents;
}
