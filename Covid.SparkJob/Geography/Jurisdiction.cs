namespace Covid.SparkJob.Geography;

/// <summary>
/// One US jurisdiction as the normalised <c>jurisdiction</c> names it: a USPS code (<c>NY</c>),
/// <c>NYC</c>, <c>HHS1</c>..<c>HHS10</c> or <c>US</c>, with its level and, below the nation,
/// the HHS region it belongs to (0 for the nation and the regions themselves).
/// </summary>
public sealed record Jurisdiction(string Code, string Name, GeoLevel Level, int HhsRegion);
