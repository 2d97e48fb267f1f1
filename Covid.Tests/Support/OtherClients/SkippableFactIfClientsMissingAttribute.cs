using Covid.Tests.Support.Sql;

namespace Covid.Tests.Support.OtherClients;

/// <summary>
/// A fact skipped, with the reason, when the other clients are not installed locally. Under CI=true
/// it never skips: .ci/run installs them, so a missing one fails the test.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SkippableFactIfClientsMissingAttribute : FactAttribute
{
    public SkippableFactIfClientsMissingAttribute()
    {
        if (!SparkSyntaxGate.InCi && OtherClientTools.Unavailable() is { } reason)
        {
            Skip = reason;
        }
    }
}
