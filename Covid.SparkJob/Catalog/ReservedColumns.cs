namespace Covid.SparkJob.Catalog;

/// <summary>
/// Column names the query builder uses for its own columns (the population join, the top-N rank,
/// the lagged values of a change). No schema may name a field like them, so they never collide.
/// </summary>
public static class ReservedColumns
{
    public const string PopulationCode = "_code";
    public const string PopulationResidents = "_residents";
    public const string Rank = "_rank";

    /// <summary>Prefix of any further internal column.</summary>
    public const string Prefix = "__";

    public static bool IsReserved(string name) =>
        name is PopulationCode or PopulationResidents or Rank || name.StartsWith(Prefix, StringComparison.Ordinal);
}
