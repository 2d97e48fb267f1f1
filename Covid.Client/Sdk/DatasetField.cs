namespace Covid.Client;

/// <summary>One field of a dataset's schema, as specs name it.</summary>
/// <param name="Name">The field name used in filters, group-by and metrics.</param>
/// <param name="Kind">Its type.</param>
/// <param name="IsDimension">True for fields to filter and group by; false for measures.</param>
/// <param name="Description">What it holds, for people.</param>
public sealed record DatasetField(string Name, FieldKind Kind, bool IsDimension, string Description);
