using System.Globalization;

namespace Covid.Tests.Support.Cdc;

/// <summary>
/// ../shared/data/cdc/census_nst-est2019-alldata.csv read by hand: state-level rows (SUMLEV 040),
/// POPESTIMATE2019 by postal code. The code table below is the USPS one, typed independently of the
/// product's StatePopulation.
/// </summary>
internal static class CensusCsv
{
    public const string FileName = "census_nst-est2019-alldata.csv";

    internal static readonly Dictionary<string, string> Postal = new(StringComparer.Ordinal)
    {
        ["Alabama"] = "AL", ["Alaska"] = "AK", ["Arizona"] = "AZ", ["Arkansas"] = "AR", ["California"] = "CA", ["Colorado"] = "CO",
        ["Connecticut"] = "CT", ["Delaware"] = "DE", ["District of Columbia"] = "DC", ["Florida"] = "FL", ["Georgia"] = "GA",
        ["Hawaii"] = "HI", ["Idaho"] = "ID", ["Illinois"] = "IL", ["Indiana"] = "IN", ["Iowa"] = "IA", ["Kansas"] = "KS",
        ["Kentucky"] = "KY", ["Louisiana"] = "LA", ["Maine"] = "ME", ["Maryland"] = "MD", ["Massachusetts"] = "MA",
        ["Michigan"] = "MI", ["Minnesota"] = "MN", ["Mississippi"] = "MS", ["Missouri"] = "MO", ["Montana"] = "MT",
        ["Nebraska"] = "NE", ["Nevada"] = "NV", ["New Hampshire"] = "NH", ["New Jersey"] = "NJ", ["New Mexico"] = "NM",
        ["New York"] = "NY", ["North Carolina"] = "NC", ["North Dakota"] = "ND", ["Ohio"] = "OH", ["Oklahoma"] = "OK",
        ["Oregon"] = "OR", ["Pennsylvania"] = "PA", ["Rhode Island"] = "RI", ["South Carolina"] = "SC", ["South Dakota"] = "SD",
        ["Tennessee"] = "TN", ["Texas"] = "TX", ["Utah"] = "UT", ["Vermont"] = "VT", ["Virginia"] = "VA", ["Washington"] = "WA",
        ["West Virginia"] = "WV", ["Wisconsin"] = "WI", ["Wyoming"] = "WY", ["Puerto Rico"] = "PR",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, long>> Estimates = new(Read);

    /// <summary>Postal code → POPESTIMATE2019 for every state-level row of the file.</summary>
    public static IReadOnlyDictionary<string, long> PopEstimate2019 => Estimates.Value;

    /// <summary>The population a 9mfq-cb36 row may be divided by: NY there excludes NYC, which the Census row includes.</summary>
    public static IReadOnlyDictionary<string, long> ForCasesDeaths =>
        PopEstimate2019.Where(e => e.Key != "NY").ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, long> Read()
    {
        var lines = File.ReadAllLines(CdcFiles.Get(FileName), System.Text.Encoding.Latin1);
        var header = lines[0].Split(',');
        var (sumlev, name, pop) = (Array.IndexOf(header, "SUMLEV"), Array.IndexOf(header, "NAME"), Array.IndexOf(header, "POPESTIMATE2019"));
        Assert.True(sumlev >= 0 && name >= 0 && pop >= 0, "census header lacks SUMLEV, NAME or POPESTIMATE2019");
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var cells in lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')))
        {
            if (cells[sumlev] == "040")
            {
                result.Add(Postal[cells[name]], long.Parse(cells[pop], CultureInfo.InvariantCulture));
            }
        }
        return result;
    }
}
