using Covid.Server.Tenancy;

namespace Covid.Server.Datasets;

/// <summary>One request to load a dataset under a name: who asks, whether it may replace what is there, and whether to share it.</summary>
public sealed record DatasetWrite(string Name, Caller Caller, bool Replace, bool Shared = false);
