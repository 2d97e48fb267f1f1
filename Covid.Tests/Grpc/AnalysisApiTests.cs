using Covid.Tests.Support;
using Covid.V1;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc;

/// <summary>AnalysisService's contract at its edges: idempotency, validation details, status codes.</summary>
public sealed class AnalysisApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Host => fixture.Host;

    [Fact]
    public async Task SubmitAnalysis_SameRequestIdTwice_ReturnsSameAnalysisAndRunsOnce()
    {
        var ct = Timeouts.Token();
        var requestId = "retry-" + Guid.NewGuid();
        var first = await Host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), RequestId = requestId }, cancellationToken: ct);
        var second = await Host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), RequestId = requestId }, cancellationToken: ct);

        Assert.Equal(first.Name, second.Name);
        Assert.Equal(requestId, second.RequestId);
        await ServerCalls.StreamAsync(Host.Analyses, first.Name, ct);
        var all = await Host.Analyses.ListAnalysesAsync(new ListAnalysesRequest { PageSize = 1000 }, cancellationToken: ct);
        Assert.Single(all.Analyses, a => a.RequestId == requestId);
    }

    [Fact]
    public async Task SubmitAnalysis_InvalidSpec_InvalidArgumentWithFieldViolations()
    {
        var spec = Specs.IssueExample();
        spec.Filters[0].Values.Add("ZZ");
        spec.DateRange.Start = "2020-13-40";
        spec.Metrics[3].Ratio.Denominator = "nope";

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec }, cancellationToken: Timeouts.Token()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var badRequest = ex.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        var fields = badRequest.FieldViolations.Select(v => v.Field).ToList();
        Assert.Contains("spec.filters[0].values[4]", fields);
        Assert.Contains("spec.date_range.start", fields);
        Assert.Contains("spec.metrics[3].ratio.denominator", fields);
        Assert.All(badRequest.FieldViolations, v => Assert.False(string.IsNullOrWhiteSpace(v.Description)));
    }

    [Fact]
    public async Task SubmitAnalysis_UnknownDataset_InvalidArgumentNamingTheField()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Host.Analyses.SubmitAnalysisAsync(
            new SubmitAnalysisRequest { Spec = Specs.IssueExample("no-such-dataset") }, cancellationToken: Timeouts.Token()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "spec.dataset");
    }

    [Fact]
    public async Task SubmitAnalysis_SparkEngine_FailedPreconditionNotConfigured()
    {
        var spec = Specs.IssueExample();
        spec.Engine = AnalysisSpec.Types.Engine.Spark;

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec }, cancellationToken: Timeouts.Token()).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("engine SPARK is not configured", ex.Status.Detail);
    }

    [Fact]
    public async Task GetAnalysis_UnknownOrMalformedName_NotFoundOrInvalidArgument()
    {
        var ct = Timeouts.Token();
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            Host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = "analyses/ffffffffffffffffffff" }, cancellationToken: ct).ResponseAsync);
        var malformed = await Assert.ThrowsAsync<RpcException>(() =>
            Host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = "analyses/../../etc" }, cancellationToken: ct).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
    }

    [Fact]
    public async Task GetPlot_SpecWithoutPlot_NotFound()
    {
        var ct = Timeouts.Token();
        var spec = Specs.IssueExample();
        spec.Plot = null;
        var submitted = await Host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec }, cancellationToken: ct);
        await ServerCalls.StreamAsync(Host.Analyses, submitted.Name, ct);

        var ex = await Assert.ThrowsAsync<RpcException>(() => ServerCalls.PlotAsync(Host.Analyses, submitted.Name, ct));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        var bare = submitted.Name["analyses/".Length..];
        var analysis = await Host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = bare }, cancellationToken: ct);
        Assert.Equal((State.Succeeded, false), (analysis.State, analysis.HasPlot));
    }

    [Fact]
    public async Task ListAnalyses_PagedNewestFirst_EveryAnalysisOnce()
    {
        var ct = Timeouts.Token();
        for (var i = 0; i < 3; i++)
        {
            var spec = Specs.IssueExample();
            spec.Plot = null;
            await Host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec, Recompute = true }, cancellationToken: ct);
        }
        var everything = (await Host.Analyses.ListAnalysesAsync(new ListAnalysesRequest { PageSize = 1000 }, cancellationToken: ct)).Analyses;

        var paged = new List<Analysis>();
        var token = "";
        do
        {
            var page = await Host.Analyses.ListAnalysesAsync(new ListAnalysesRequest { PageSize = 2, PageToken = token }, cancellationToken: ct);
            Assert.InRange(page.Analyses.Count, 1, 2);
            paged.AddRange(page.Analyses);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(everything.Select(a => a.Name), paged.Select(a => a.Name));
        Assert.True(everything.Count >= 3);
        Assert.Equal(everything.OrderByDescending(a => a.CreateTime.ToDateTimeOffset()).Select(a => a.CreateTime), everything.Select(a => a.CreateTime));
    }

    [Fact]
    public async Task ExplainAnalysis_ExampleSpec_BoundParametersAndBothDialects()
    {
        var spec = Specs.IssueExample();
        spec.Filters[0].Values.Add("x'); DROP TABLE t; --");

        var invalid = await Assert.ThrowsAsync<RpcException>(() =>
            Host.Analyses.ExplainAnalysisAsync(new ExplainAnalysisRequest { Spec = spec }, cancellationToken: Timeouts.Token()).ResponseAsync);
        var explained = await Host.Analyses.ExplainAnalysisAsync(new ExplainAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: Timeouts.Token());

        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal(["period", "state", "cases", "deaths", "days", "cfr"], explained.Columns.Select(c => c.Name));
        Assert.Contains("$1", explained.DuckdbSql);
        Assert.Contains("NYC", explained.DuckdbParameters);
        Assert.DoesNotContain("'NYC'", explained.DuckdbSql);
        Assert.Contains("INSERT OVERWRITE DIRECTORY", explained.SparkSql);
        // The confs the Spark SQL's meaning depends on are part of what explain shows.
        var lines = explained.SparkSql.Split('\n');
        Assert.All(["SET spark.sql.variable.substitute=false;", "SET spark.sql.csv.parser.columnPruning.enabled=false;", "SET spark.sql.legacy.timeParserPolicy=CORRECTED;",
                    "SET spark.sql.ansi.enabled=true;", "SET spark.sql.session.timeZone=UTC;"], set => Assert.Contains(set, lines));
        Assert.Equal(AnalysisSpec.Types.Engine.Embedded, explained.Engine);
    }

    [Fact]
    public async Task GrpcHealth_AfterStart_Serving()
    {
        var health = new Health.HealthClient(Host.Channel);

        var response = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: Timeouts.Token());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task ServerReflection_ListServices_NamesBothCovidServicesAndHealth()
    {
        var ct = Timeouts.Token();
        var reflection = new ServerReflection.ServerReflectionClient(Host.Channel);
        using var call = reflection.ServerReflectionInfo(cancellationToken: ct);

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, ct);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(ct));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("covid.v1.AnalysisService", services);
        Assert.Contains("covid.v1.DatasetService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }
}
