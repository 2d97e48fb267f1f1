using System.Collections.Frozen;
using System.Globalization;

namespace Covid.SparkJob.Geography;

/// <summary>
/// The jurisdictions CDC files name, and every spelling they use for them: USPS codes and the
/// older codes of 9mfq-cb36 (FSM, RMI), full names (r8kw-7aab), "USA"/"United States"/"National"
/// for the nation, "Region 1".."Region 10" for the HHS regions. HHS region membership follows HHS's
/// ten regions (the island areas and freely associated states of the Pacific are in Region 9).
/// </summary>
public static class UsJurisdictions
{
    private static readonly (string Code, string Name, int Region)[] States =
    [
        ("AL", "Alabama", 4), ("AK", "Alaska", 10), ("AZ", "Arizona", 9), ("AR", "Arkansas", 6), ("CA", "California", 9),
        ("CO", "Colorado", 8), ("CT", "Connecticut", 1), ("DE", "Delaware", 3), ("DC", "District of Columbia", 3),
        ("FL", "Florida", 4), ("GA", "Georgia", 4), ("HI", "Hawaii", 9), ("ID", "Idaho", 10), ("IL", "Illinois", 5),
        ("IN", "Indiana", 5), ("IA", "Iowa", 7), ("KS", "Kansas", 7), ("KY", "Kentucky", 4), ("LA", "Louisiana", 6),
        ("ME", "Maine", 1), ("MD", "Maryland", 3), ("MA", "Massachusetts", 1), ("MI", "Michigan", 5), ("MN", "Minnesota", 5),
        ("MS", "Mississippi", 4), ("MO", "Missouri", 7), ("MT", "Montana", 8), ("NE", "Nebraska", 7), ("NV", "Nevada", 9),
        ("NH", "New Hampshire", 1), ("NJ", "New Jersey", 2), ("NM", "New Mexico", 6), ("NY", "New York", 2),
        ("NC", "North Carolina", 4), ("ND", "North Dakota", 8), ("OH", "Ohio", 5), ("OK", "Oklahoma", 6), ("OR", "Oregon", 10),
        ("PA", "Pennsylvania", 3), ("RI", "Rhode Island", 1), ("SC", "South Carolina", 4), ("SD", "South Dakota", 8),
        ("TN", "Tennessee", 4), ("TX", "Texas", 6), ("UT", "Utah", 8), ("VT", "Vermont", 1), ("VA", "Virginia", 3),
        ("WA", "Washington", 10), ("WV", "West Virginia", 3), ("WI", "Wisconsin", 5), ("WY", "Wyoming", 8),
    ];

    private static readonly (string Code, string Name, int Region)[] Territories =
    [
        ("PR", "Puerto Rico", 2), ("VI", "U.S. Virgin Islands", 2), ("GU", "Guam", 9), ("AS", "American Samoa", 9),
        ("MP", "Northern Mariana Islands", 9), ("FM", "Federated States of Micronesia", 9), ("MH", "Marshall Islands", 9),
        ("PW", "Palau", 9),
    ];

    /// <summary>Every jurisdiction by its normalised code.</summary>
    public static IReadOnlyList<Jurisdiction> All { get; } = Build();

    private static readonly FrozenDictionary<string, Jurisdiction> ByCode = All.ToFrozenDictionary(j => j.Code, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Jurisdiction> BySpelling = Spellings().ToFrozenDictionary(StringComparer.Ordinal);

    public static Jurisdiction? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>The jurisdiction a CDC file means by <paramref name="spelling"/> ("NY", "New York", "Region 2", "USA" …), or null.</summary>
    public static Jurisdiction? Resolve(string spelling) => BySpelling.GetValueOrDefault(spelling);

    /// <summary>The states, DC and territories of HHS region <paramref name="region"/> (1..10).</summary>
    public static IEnumerable<Jurisdiction> MembersOf(int region) =>
        All.Where(j => j.HhsRegion == region && j.Level is GeoLevel.State or GeoLevel.Territory);

    public static string RegionCode(int region) => "HHS" + region.ToString(CultureInfo.InvariantCulture);

    private static List<Jurisdiction> Build()
    {
        var all = new List<Jurisdiction>();
        all.AddRange(States.Select(s => new Jurisdiction(s.Code, s.Name, GeoLevel.State, s.Region)));
        all.AddRange(Territories.Select(t => new Jurisdiction(t.Code, t.Name, GeoLevel.Territory, t.Region)));
        all.Add(new Jurisdiction("NYC", "New York City", GeoLevel.City, 2));
        all.AddRange(Enumerable.Range(1, 10).Select(r => new Jurisdiction(RegionCode(r), $"HHS Region {r}", GeoLevel.HhsRegion, 0)));
        all.Add(new Jurisdiction("US", "United States", GeoLevel.Nation, 0));
        return all;
    }

    private static IEnumerable<KeyValuePair<string, Jurisdiction>> Spellings()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var j in All)
        {
            foreach (var spelling in new[] { j.Code, j.Name })
            {
                if (seen.Add(spelling))
                {
                    yield return new(spelling, j);
                }
            }
        }
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // 9mfq-cb36 and pwn4-m3yp use the older codes of the freely associated states; unsk-b7fc writes Palau "RP".
            ["FSM"] = "FM", ["RMI"] = "MH", ["RP"] = "PW",
            ["USA"] = "US", ["National"] = "US",
            ["Virgin Islands"] = "VI", ["Republic of the Marshall Islands"] = "MH", ["Republic of Palau"] = "PW",
        };
        for (var r = 1; r <= 10; r++)
        {
            aliases[$"Region {r}"] = RegionCode(r);
        }
        foreach (var (spelling, code) in aliases)
        {
            yield return new(spelling, ByCodeDuringBuild(code));
        }
    }

    private static Jurisdiction ByCodeDuringBuild(string code) => All.First(j => j.Code == code);
}
