namespace Covid.SparkJob.Geography;

/// <summary>
/// The population per-100k rates divide by, for every level the Census table covers: states, DC
/// and Puerto Rico (POPESTIMATE2019), an HHS region as the sum of its members in that table (the
/// island areas and freely associated states have no estimate there and are left out), the nation
/// as the table's United States row. Everything else (NYC, small territories, sites, networks,
/// federal entities) has none, so its rate is null rather than a guess.
/// </summary>
public static class Residents
{
    /// <param name="nycApartFromNy">The dataset reports New York City apart, so its "NY" is the state
    /// without the city; the Census figure for NY counts the city's 8.3 million too, so NY has none.</param>
    public static long? Of(Jurisdiction jurisdiction, bool nycApartFromNy)
    {
        ArgumentNullException.ThrowIfNull(jurisdiction);
        return jurisdiction.Level switch
        {
            GeoLevel.State or GeoLevel.Territory when nycApartFromNy && jurisdiction.Code == "NY" => null,
            GeoLevel.State or GeoLevel.Territory => StatePopulation.Estimates.TryGetValue(jurisdiction.Code, out var n) ? n : null,
            GeoLevel.HhsRegion => UsJurisdictions.MembersOf(RegionNumber(jurisdiction.Code))
                .Sum(m => StatePopulation.Estimates.GetValueOrDefault(m.Code)),
            GeoLevel.Nation => StatePopulation.UnitedStates,
            _ => null,
        };
    }

    private static int RegionNumber(string code) => int.Parse(code.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture);
}
