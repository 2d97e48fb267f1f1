using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Grpc.Limits;

/// <summary>Each spec limit at its edge: the limit passes, one more is refused naming the limit.</summary>
public sealed class SpecLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] States = ["NY", "NYC", "NJ", "CA", "TX", "FL", "WA", "OR", "PA", "OH"];

    private Task<ExplainAnalysisResponse> Explain(AnalysisSpec spec) =>
        fixture.Host.Analyses.ExplainAnalysisAsync(new ExplainAnalysisRequest { Spec = spec }, cancellationToken: Timeouts.Token()).ResponseAsync;

    private static AnalysisSpec WithValues(int count)
    {
        var spec = Specs.IssueExample();
        spec.Filters[0].Values.Clear();
        spec.Filters[0].Values.AddRange(Enumerable.Range(0, count).Select(i => States[i % States.Length]));
        return spec;
    }

    [Fact]
    public async Task ValuesPerFilter_AtTheLimitPasses_OneMoreIsRefusedNamingIt()
    {
        await Explain(WithValues(1000));

        var error = await Assert.ThrowsAsync<RpcException>(() => Explain(WithValues(1001)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("1001 values, more than this server's limit of 1000 (Limits:MaxValuesPerFilter)", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HugeSpec_OfAHundredThousandValues_IsRefusedByTheCountAlone()
    {
        var spec = WithValues(100_000);

        var error = await Assert.ThrowsAsync<RpcException>(() => Explain(spec));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        // One violation, the count: no value was looked at (its CPU cost is HugeSpecCpuTests' and bench/'s).
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations);
        Assert.Equal("spec.filters[0].values", violation.Field);
        Assert.Contains("100000 values, more than this server's limit of 1000 (Limits:MaxValuesPerFilter)", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AtTheLimitPass_OneMoreIsRefusedNamingIt()
    {
        AnalysisSpec WithMetrics(int count)
        {
            var spec = Specs.IssueExample();
            spec.Metrics.Clear();
            spec.OrderBy.Clear();
            spec.Plot = null;
            spec.Metrics.AddRange(Enumerable.Range(0, count).Select(i => new Metric { Name = $"m{i}", Aggregation = Metric.Types.Aggregation.Count }));
            return spec;
        }
        await Explain(WithMetrics(50));

        var error = await Assert.ThrowsAsync<RpcException>(() => Explain(WithMetrics(51)));

        Assert.Contains("51 metrics, more than this server's limit of 50 (Limits:MaxMetrics)", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_AtTheLimitPass_OneMoreIsRefusedNamingIt()
    {
        AnalysisSpec WithFilters(int count)
        {
            var spec = Specs.IssueExample();
            spec.Filters.Clear();
            spec.Filters.AddRange(Enumerable.Range(0, count).Select(_ => new Filter { Field = "state", Values = { "NY" } }));
            return spec;
        }
        await Explain(WithFilters(50));

        var error = await Assert.ThrowsAsync<RpcException>(() => Explain(WithFilters(51)));

        Assert.Contains("51 filters, more than this server's limit of 50 (Limits:MaxFilters)", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyViolations_AreCappedAtTwentyAndTheRestCounted()
    {
        var spec = WithValues(0);
        spec.Filters[0].Values.AddRange(Enumerable.Range(0, 900).Select(i => $"XX{i}"));

        var error = await Assert.ThrowsAsync<RpcException>(() => Explain(spec));
        var violations = error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations;

        Assert.Equal(21, violations.Count);
        Assert.Equal("and 880 more", violations[^1].Description);
        Assert.Contains("900 problems in all", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(error.Trailers.Sum(t => t.Key.Length + (t.IsBinary ? t.ValueBytes.Length : t.Value.Length)) < 8 * 1024);
    }
}
