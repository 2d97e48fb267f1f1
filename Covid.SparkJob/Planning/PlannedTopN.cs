namespace Covid.SparkJob.Planning;

/// <summary>Keep the <paramref name="N"/> rows with the largest <paramref name="By"/>, within each period when <paramref name="PerPeriod"/>.</summary>
public sealed record PlannedTopN(int N, string By, bool PerPeriod);
