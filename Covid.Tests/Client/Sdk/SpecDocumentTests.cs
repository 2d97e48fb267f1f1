extern alias cli;
using cli::Covid.Client;
using Covid.Tests.Support;
using Grpc.Core;

namespace Covid.Tests.Client.Sdk;

/// <summary>The SDK's public, local spec check: what the CLI reads before it sends anything.</summary>
public class SpecDocumentTests
{
    [Fact]
    public void Parse_IssueExample_DatasetPlotAndTextAsGiven()
    {
        var document = SpecDocument.Parse(IssueExample.Json);

        Assert.Equal("cdc-cases-deaths-by-state", document.Dataset);
        Assert.True(document.HasPlot);
        Assert.Same(IssueExample.Json, document.Json);
    }

    [Fact]
    public void Parse_NoPlotSection_HasPlotFalse()
    {
        var document = SpecDocument.Parse("{\"dataset\": \"x\", \"metrics\": [{\"name\": \"n\", \"aggregation\": \"COUNT\"}]}");

        Assert.Equal("x", document.Dataset);
        Assert.False(document.HasPlot);
    }

    [Theory]
    [InlineData("{\"dataset\": \"x\", \"groupby\": [\"state\"]}", "groupby")]
    [InlineData("", "empty")]
    public void Parse_Bad_InvalidArgumentAsSubmitWouldSay(string json, string mentioned)
    {
        var e = Assert.Throws<CovidException>(() => SpecDocument.Parse(json));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(mentioned, e.Message);
        Assert.Equal(Assert.Throws<CovidException>(() => SpecJson.Parse(json)).Message, e.Message);
    }
}
