namespace Covid.Tests.Support.Sql;

/// <summary>
/// A fact skipped, with the reason, when the Spark SQL gate is not built locally. Under CI=true it
/// never skips: .ci/run installs the gate, so a missing bundle fails the test.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SkippableFactIfGateMissingAttribute : FactAttribute
{
    public SkippableFactIfGateMissingAttribute()
    {
        if (!SparkSyntaxGate.InCi && SparkSyntaxGate.Unavailable() is { } reason)
        {
            Skip = reason;
        }
    }
}
