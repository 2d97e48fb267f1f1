using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;
using Covid.V1;

namespace Covid.Tests.Core.Planning;

public sealed class PlotSizeTests
{
    [Fact]
    public void Resolve_ZeroOrMissing_UsesDefaults()
    {
        Assert.Equal((1000, 600), PlotSize.Resolve(null));
        Assert.Equal((1000, 480), PlotSize.Resolve(new Plot { Height = 480 }));
        Assert.Equal((1600, 600), PlotSize.Resolve(new Plot { Width = 1600 }));
    }
}
