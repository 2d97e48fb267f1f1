namespace Covid.Tests.FakeKubernetes.Tests;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Driver = new() { ["spark-role"] = "driver", ["app.kubernetes.io/name"] = "covid-analysis" };

    [Theory]
    [InlineData("", true)]
    [InlineData("spark-role=driver", true)]
    [InlineData("spark-role==driver", true)]
    [InlineData("spark-role!=driver", false)]
    [InlineData("spark-role=driver,app.kubernetes.io/name=covid-analysis", true)]
    [InlineData("spark-role=driver,app.kubernetes.io/name=other", false)]
    [InlineData("spark-role in (driver, executor)", true)]
    [InlineData("spark-role notin (driver)", false)]
    [InlineData("missing notin (x)", true)]
    [InlineData("spark-role", true)]
    [InlineData("!spark-role", false)]
    [InlineData("!missing", true)]
    public void Matches_Requirements_AsKubernetes(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Driver));

    [Theory]
    [InlineData("a in x")]
    [InlineData("a=b=c")]
    [InlineData("=b")]
    [InlineData("a,,b")]
    public void Parse_BadSyntax_400BadRequest(string selector)
    {
        var e = Assert.Throws<KubeApiException>(() => LabelSelector.Parse(selector));
        Assert.Equal((400, "BadRequest"), (e.Code, e.Reason));
    }
}
