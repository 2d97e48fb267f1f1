namespace Covid.SparkJob.Geography;

/// <summary>
/// How a dataset codes geography: its geography field, every value it takes and what each means.
/// From it come the derived fields <c>jurisdiction</c> and <c>geo_level</c>, the population of each
/// row, and the rule for which levels may be summed together.
/// </summary>
/// <param name="Field">The dataset's own geography field (e.g. "state", "jurisdiction_raw", "region").</param>
/// <param name="NycApartFromNy">New York City is reported apart and "New York" excludes it, so state
/// and city rows partition New York; otherwise a city row overlaps its state.</param>
public sealed record GeographyCoding(string Field, IReadOnlyList<GeographyEntry> Entries, bool NycApartFromNy)
{
    /// <summary>The derived normalised jurisdiction: USPS code, NYC, HHS1..HHS10 or US.</summary>
    public const string JurisdictionField = "jurisdiction";

    /// <summary>The derived level: state, territory, city, hhs_region, nation, site, network or federal.</summary>
    public const string LevelField = "geo_level";

    public GeographyEntry? Entry(string value) => Entries.FirstOrDefault(e => e.Value == value);

    /// <summary>The levels the dataset has, in the order its values first show them.</summary>
    public IReadOnlyList<GeoLevel> Levels => Entries.Select(e => e.Level).Distinct().ToList();

    /// <summary>The normalised codes the dataset has, in value order.</summary>
    public IReadOnlyList<string> Codes => Entries.Where(e => e.Code is not null).Select(e => e.Code!).Distinct().ToList();

    /// <summary>
    /// Levels whose rows partition the country (or a network) and may be added to one another:
    /// states, territories and sites, and the city where it is reported apart from its state.
    /// Regions, the nation, networks and federal entities overlap them.
    /// </summary>
    public bool IsLeaf(GeoLevel level) => level switch
    {
        GeoLevel.State or GeoLevel.Territory or GeoLevel.Site => true,
        GeoLevel.City => NycApartFromNy,
        _ => false,
    };

    /// <summary>True when rows of <paramref name="levels"/> can be summed without counting anyone twice.</summary>
    public bool CanAdd(IReadOnlyCollection<GeoLevel> levels) => levels.Count <= 1 || levels.All(IsLeaf);
}
