namespace Covid.Client;

/// <summary>Keeps the <paramref name="N"/> rows with the largest <paramref name="By"/> metric, overall or within each period.</summary>
/// <param name="N">1..1000 rows (per period when <paramref name="PerPeriod"/>).</param>
/// <param name="By">The metric to rank by; nulls rank last.</param>
/// <param name="PerPeriod">Rank within each period (needs a time bucket).</param>
public sealed record TopN(int N, string By, bool PerPeriod = false);
