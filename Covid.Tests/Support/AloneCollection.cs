namespace Covid.Tests.Support;

/// <summary>Tests that run alone, after the parallel ones, e.g. because they measure this process's CPU time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
