namespace Covid.SparkJob.Geography;

/// <summary>
/// The level of a geographic row, as <c>geo_level</c> writes it. CDC files put several levels side
/// by side (states beside their HHS region and the nation), so a sum over every row counts people
/// more than once; the level says which rows may be added together.
/// </summary>
public enum GeoLevel
{
    /// <summary>A state or DC.</summary>
    State,

    /// <summary>Puerto Rico, the island areas and the freely associated states.</summary>
    Territory,

    /// <summary>New York City where a dataset reports it apart from (or within) New York.</summary>
    City,

    /// <summary>One of the ten HHS regions.</summary>
    HhsRegion,

    /// <summary>The United States.</summary>
    Nation,

    /// <summary>A surveillance site: a catchment area of counties in a state (COVID-NET, RESP-NET).</summary>
    Site,

    /// <summary>A whole surveillance network (all its sites).</summary>
    Network,

    /// <summary>A federal entity reporting apart from the states (unsk-b7fc: Bureau of Prisons, VA, long-term care …).</summary>
    Federal,
}

/// <summary>The text of a <see cref="GeoLevel"/> in data and specs.</summary>
public static class GeoLevels
{
    public static string Code(this GeoLevel level) => level switch
    {
        GeoLevel.HhsRegion => "hhs_region",
        _ => level.ToString().ToLowerInvariant(),
    };

    public static IReadOnlyList<GeoLevel> All { get; } = Enum.GetValues<GeoLevel>();

    public static bool TryParse(string code, out GeoLevel level)
    {
        foreach (var candidate in All)
        {
            if (candidate.Code() == code)
            {
                level = candidate;
                return true;
            }
        }
        level = default;
        return false;
    }
}
