using Covid.Server.Plots;

namespace Covid.Tests.Server.Plots;

/// <summary>The memory of recently drawn charts stays within its bytes, the least recently used out first.</summary>
public sealed class RecentPlotsTests
{
    [Fact]
    public void Add_PastCapacity_DropsTheLeastRecentlyUsed()
    {
        var recent = new RecentPlots(capacityBytes: 300);
        recent.Add("a", new byte[100]);
        recent.Add("b", new byte[100]);
        recent.Add("c", new byte[100]);
        Assert.True(recent.TryGet("a", out _)); // a is now the most recent

        recent.Add("d", new byte[100]);

        Assert.False(recent.TryGet("b", out _));
        Assert.True(recent.TryGet("a", out var a));
        Assert.Equal(100, a.Length);
        Assert.True(recent.TryGet("c", out _));
        Assert.True(recent.TryGet("d", out _));
    }

    [Fact]
    public void Add_LargerThanCapacity_IsNotKept()
    {
        var recent = new RecentPlots(capacityBytes: 300);
        recent.Add("a", new byte[100]);

        recent.Add("huge", new byte[301]);

        Assert.False(recent.TryGet("huge", out _));
        Assert.True(recent.TryGet("a", out _));
    }
}
