namespace Covid.Tests.Support;

/// <summary>A fact that needs root (to mount a <see cref="SmallDisk"/>); skipped with the reason otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root to mount a small tmpfs that really fills up";
        }
    }
}
