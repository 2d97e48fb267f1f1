using Covid.SparkJob.Spark;

namespace Covid.Tests.Core.Spark;

public sealed class SparkCpuTests
{
    [Theory]
    [InlineData("1", 1000)]
    [InlineData("0.5", 500)]
    [InlineData("500m", 500)]
    [InlineData(" 2 ", 2000)]
    [InlineData("1.25", 1250)]
    [InlineData("1m", 1)]
    public void ParseMillicores_KubernetesCpuAmounts_Millicores(string value, long expected)
    {
        Assert.Equal(expected, SparkCpu.ParseMillicores(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.0005")]
    [InlineData("two")]
    [InlineData("1Gi")]
    public void ParseMillicores_NotACpuAmount_FormatException(string value)
    {
        Assert.Throws<FormatException>(() => SparkCpu.ParseMillicores(value));
    }

    [Theory]
    [InlineData(1000, "1")]
    [InlineData(3000, "3")]
    [InlineData(500, "500m")]
    [InlineData(1500, "1500m")]
    public void Format_Millicores_AsKubernetesWritesThem(long millicores, string expected)
    {
        Assert.Equal(expected, SparkCpu.Format(millicores));
    }

    [Theory]
    [InlineData(null, null, 1, "1", "1")]
    [InlineData("500m", null, 1, "500m", "1")]
    [InlineData("2", null, 1, "2", "2")]
    [InlineData(null, "4", 2, "2", "4")]
    [InlineData("250m", "500m", 1, "250m", "500m")]
    public void Resolve_RequestAndLimit_DefaultToTheCoresOrTheLargerRequest(string? request, string? limit, int cores, string expectedRequest, string expectedLimit)
    {
        var size = SparkCpuSize.Resolve(request, limit, cores, "executor");

        Assert.Equal((expectedRequest, expectedLimit), (size.Request, size.Limit));
    }

    [Fact]
    public void Resolve_LimitBelowRequest_RefusedAsKubernetesWouldRefuseEveryPod()
    {
        var e = Assert.Throws<FormatException>(() => SparkCpuSize.Resolve("2", "1", 1, "executor"));

        Assert.Equal("the executor CPU limit 1 is below its request 2; Kubernetes would refuse every such pod", e.Message);
    }
}
