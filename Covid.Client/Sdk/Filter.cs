namespace Covid.Client;

/// <summary>Keeps rows whose <paramref name="Field"/> is one of <paramref name="Values"/>, written as the dataset writes them (SQL IN).</summary>
/// <param name="Field">A dimension field of the dataset, e.g. "state".</param>
/// <param name="Values">One or more values, e.g. "NY", "NYC"; "" matches an empty cell.</param>
public sealed record Filter(string Field, IReadOnlyList<string> Values);
