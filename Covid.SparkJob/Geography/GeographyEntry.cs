namespace Covid.SparkJob.Geography;

/// <summary>
/// One value a dataset's geography field takes, as the file writes it, with what it means: the
/// normalised jurisdiction code (null for a whole network or a federal entity), the level, and the
/// residents per-100k rates divide by (null where unknown).
/// </summary>
public sealed record GeographyEntry(string Value, string? Code, GeoLevel Level, long? Residents);
