namespace Covid.Client;

/// <summary>One sort key of the result: a result column, largest first when <paramref name="Descending"/>; nulls last either way.</summary>
/// <param name="Column">"period", a group-by field or a metric name.</param>
/// <param name="Descending">Largest first.</param>
public sealed record SortKey(string Column, bool Descending = false);
