using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Grpc.Limits;

/// <summary>
/// Spec limits that need a configured server to reach their edge with valid specs (the CDC dataset
/// has three dimensions; the engine's own row bound is the default): the limit passes, one more is
/// refused naming it.
/// </summary>
public sealed class ConfiguredLimitTests : IAsyncLifetime
{
    // 200 × 202 = 40,400 pixels passes; 201 × 201 = 40,401 is one pixel more.
    private const int MaxPlotPixels = 200 * 202;
    private const int MaxResultRows = 5;

    private ServerHost host = null!;

    public async Task InitializeAsync() => host = await ServerHost.StartAsync(new ServerHostOptions
    {
        Settings =
        {
            ["Limits:MaxGroupBy"] = "2",
            ["Limits:MaxResultRows"] = MaxResultRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Limits:MaxPlotPixels"] = MaxPlotPixels.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    });

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Task<ExplainAnalysisResponse> Explain(AnalysisSpec spec) =>
        host.Analyses.ExplainAnalysisAsync(new ExplainAnalysisRequest { Spec = spec }, cancellationToken: Timeouts.Token()).ResponseAsync;

    private static AnalysisSpec Spec(Action<AnalysisSpec> change)
    {
        var spec = Specs.IssueExample();
        spec.Plot = null;
        spec.Limit = 0;
        change(spec);
        return spec;
    }

    [Fact]
    public async Task GroupBy_AtTheLimitPasses_OneMoreIsRefusedNamingIt()
    {
        var atLimit = await Explain(Spec(s => s.GroupBy.Add("consent_cases")));
        var error = await Assert.ThrowsAsync<RpcException>(() => Explain(Spec(s => s.GroupBy.Add(["consent_cases", "consent_deaths"]))));

        Assert.Contains(atLimit.Columns, c => c.Name == "consent_cases");
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("3 group-by fields, more than this server's limit of 2 (Limits:MaxGroupBy)", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultRows_AtTheLimitPass_OneMoreIsRefused_AndZeroMeansTheLimit()
    {
        var ct = Timeouts.Token(60);
        var atLimit = await Explain(Spec(s => s.Limit = MaxResultRows));
        var error = await Assert.ThrowsAsync<RpcException>(() => Explain(Spec(s => s.Limit = MaxResultRows + 1)));
        var unlimited = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Spec(s => s.Limit = 0) }, cancellationToken: ct);
        await ServerCalls.WaitForAsync(host.Analyses, unlimited.Name, a => a.State == Analysis.Types.State.Succeeded, ct);
        var result = await host.Analyses.GetResultAsync(new GetResultRequest { Name = unlimited.Name }, cancellationToken: ct);

        Assert.Equal(MaxResultRows, atLimit.Spec.Limit);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("6 rows, more than this server's limit of 5 (Limits:MaxResultRows)", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(MaxResultRows, result.RowCount);
    }

    [Fact]
    public async Task PlotPixels_AtTheLimitPass_OnePixelMoreIsRefusedNamingIt()
    {
        static Plot Sized(int width, int height) => new() { Kind = Plot.Types.Kind.Line, X = "period", Y = { "cases" }, Series = "state", Width = width, Height = height };

        var atLimit = await Explain(Spec(s => s.Plot = Sized(200, 202)));
        var error = await Assert.ThrowsAsync<RpcException>(() => Explain(Spec(s => s.Plot = Sized(201, 201))));

        Assert.Equal(202, atLimit.Spec.Plot.Height);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("40401 pixels (201×201), more than this server's limit of 40400 (Limits:MaxPlotPixels)", error.Status.Detail, StringComparison.Ordinal);
    }
}
