extern alias cli;
using cli::Covid.Client;
using Covid.Tests.Support;
using Grpc.Core;

namespace Covid.Tests.Client.Sdk;

public class SpecJsonTests
{
    [Fact]
    public void Parse_IssueExample_EveryFieldRead()
    {
        var spec = SpecJson.Parse(IssueExample.Json);

        Assert.Equal("cdc-cases-deaths-by-state", spec.Dataset);
        Assert.Equal("2020-03-02", spec.DateRange.Start);
        Assert.Equal("2020-09-20", spec.DateRange.End);
        Assert.Equal(["NY", "NYC", "NJ", "CA"], spec.Filters[0].Values);
        Assert.Equal(["state"], spec.GroupBy);
        Assert.Equal(cli::Covid.V1.AnalysisSpec.Types.TimeBucket.Week, spec.TimeBucket);
        Assert.Equal(4, spec.Metrics.Count);
        Assert.Equal("cases", spec.Metrics[3].Ratio.Denominator);
        Assert.True(spec.OrderBy[0].Descending);
        Assert.Equal(500, spec.Limit);
        Assert.Equal(["cases"], spec.Plot.Y);
        Assert.Equal(cli::Covid.V1.AnalysisSpec.Types.Engine.Embedded, spec.Engine);
    }

    [Theory]
    [InlineData("{\"dataset\": \"x\", \"groupby\": [\"state\"]}", "groupby")]
    [InlineData("{\"dataset\": \"x\", \"timeBucket\": \"WEEKLY\"}", "WEEKLY")]
    [InlineData("{\"dataset\": \"x\",", "")]
    [InlineData("[1, 2]", "")]
    [InlineData("{\"limit\": \"many\"}", "")]
    public void Parse_BadJson_InvalidArgumentNamingTheProblem(string json, string mentioned)
    {
        var e = Assert.Throws<InvalidSpecException>(() => SpecJson.Parse(json));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("The spec is not a valid analysis spec: ", e.Message);
        Assert.Contains(mentioned, e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public void Parse_Empty_InvalidArgument(string json)
    {
        var e = Assert.Throws<InvalidSpecException>(() => SpecJson.Parse(json));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public async Task SubmitAsync_BadJson_FailsBeforeAnyCall()
    {
        // Port 1 on loopback has no server: reaching it would fail with Unavailable, not InvalidArgument.
        await using var client = new CovidClient("http://127.0.0.1:1");

        var e = await Assert.ThrowsAsync<InvalidSpecException>(() => client.SubmitAsync("{\"datset\": \"x\"}"));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("datset", e.Message);
    }

    [Theory]
    [InlineData("ftp://host")]
    [InlineData("http://")]
    [InlineData("not a url at all")]
    public void Constructor_BadAddress_InvalidArgument(string address)
    {
        var e = Assert.Throws<CovidException>(() => new CovidClient(address));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(address, e.Message);
    }

    [Fact]
    public void ParseAddress_HostAndPortOnly_PlainHttp()
    {
        Assert.Equal(new Uri("http://127.0.0.1:5000"), CovidClient.ParseAddress("127.0.0.1:5000"));
    }
}
