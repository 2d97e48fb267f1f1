using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Grpc.Tenancy;

/// <summary>Two users and an admin on one server: what one owns, the other cannot see, not even by id.</summary>
public sealed class TenantIsolationTests : IAsyncLifetime
{
    private ServerHost host = null!;

    public async Task InitializeAsync() =>
        host = await ServerHost.StartAsync(new ServerHostOptions { Settings = TestCredentials.ApiKeys(("alice", "user"), ("bob", "user"), ("root", "admin")) });

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static AnalysisSpec PlottedExample()
    {
        var spec = Specs.IssueExample();
        spec.Plot = new Plot { Kind = Plot.Types.Kind.Line, X = "period", Y = { "cases" }, Series = "state" };
        return spec;
    }

    [Fact]
    public async Task AnotherUsersAnalysis_IsNotFoundForEveryRpc()
    {
        var ct = Timeouts.Token(60);
        var alice = TestCredentials.Clients(host, "alice").Analyses;
        var bob = TestCredentials.Clients(host, "bob").Analyses;
        var submitted = await alice.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = PlottedExample() }, cancellationToken: ct);
        await ServerCalls.WaitForAsync(alice, submitted.Name, a => a.State == Analysis.Types.State.Succeeded, ct);
        var name = submitted.Name;

        var failures = new List<RpcException>
        {
            await Assert.ThrowsAsync<RpcException>(() => bob.GetAnalysisAsync(new GetAnalysisRequest { Name = name }, cancellationToken: ct).ResponseAsync),
            await Assert.ThrowsAsync<RpcException>(() => bob.GetResultAsync(new GetResultRequest { Name = name }, cancellationToken: ct).ResponseAsync),
            await Assert.ThrowsAsync<RpcException>(() => bob.CancelAnalysisAsync(new CancelAnalysisRequest { Name = name }, cancellationToken: ct).ResponseAsync),
            await Assert.ThrowsAsync<RpcException>(() => ServerCalls.StreamAsync(bob, name, ct)),
            await Assert.ThrowsAsync<RpcException>(() => ServerCalls.PlotAsync(bob, name, ct)),
        };
        var stranger = await Assert.ThrowsAsync<RpcException>(() => bob.GetAnalysisAsync(new GetAnalysisRequest { Name = "analyses/0123456789abcdef0123" }, cancellationToken: ct).ResponseAsync);
        var bobs = await bob.ListAnalysesAsync(new ListAnalysesRequest(), cancellationToken: ct);
        var roots = await TestCredentials.Clients(host, "root").Analyses.ListAnalysesAsync(new ListAnalysesRequest(), cancellationToken: ct);

        Assert.All(failures, f => Assert.Equal(StatusCode.NotFound, f.StatusCode));
        // Word for word what a name that never existed gets: nothing tells bob the id is real.
        Assert.All(failures, f => Assert.Equal(stranger.Status.Detail.Replace("0123456789abcdef0123", ""), f.Status.Detail.Replace(submitted.Name["analyses/".Length..], "")));
        Assert.DoesNotContain(bobs.Analyses, a => a.Name == name);
        Assert.Contains(roots.Analyses, a => a.Name == name && a.Owner == "alice");
        Assert.Equal(Analysis.Types.State.Succeeded, (await alice.GetAnalysisAsync(new GetAnalysisRequest { Name = name }, cancellationToken: ct)).State);
    }

    [Fact]
    public async Task RequestId_IsScopedToItsOwner()
    {
        var ct = Timeouts.Token();
        var alice = TestCredentials.Clients(host, "alice").Analyses;
        var bob = TestCredentials.Clients(host, "bob").Analyses;
        var spec = Specs.IssueExample();
        spec.Limit = 7;

        var first = await alice.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec, RequestId = "nightly-1" }, cancellationToken: ct);
        var again = await alice.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec, RequestId = "nightly-1" }, cancellationToken: ct);
        var bobs = await bob.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), RequestId = "nightly-1" }, cancellationToken: ct);

        Assert.Equal(first.Name, again.Name);
        Assert.NotEqual(first.Name, bobs.Name);
        Assert.Equal("bob", bobs.Owner);
        Assert.NotEqual(7, bobs.Spec.Limit);
    }

    [Fact]
    public async Task PrivateDataset_IsInvisibleToOthersAndItsNameTaken()
    {
        var ct = Timeouts.Token(60);
        var csv = await File.ReadAllBytesAsync(CdcFiles.Get(CdcFiles.CasesDeaths2020), ct);
        var alice = TestCredentials.Clients(host, "alice");
        var bob = TestCredentials.Clients(host, "bob");
        await ServerCalls.UploadAsync(alice.Datasets, "alice-cases", csv, ct);
        var spec = Specs.IssueExample("alice-cases");

        var bobsList = await bob.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct);
        var submit = await Assert.ThrowsAsync<RpcException>(() => bob.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec }, cancellationToken: ct).ResponseAsync);
        var explain = await Assert.ThrowsAsync<RpcException>(() => bob.Analyses.ExplainAnalysisAsync(new ExplainAnalysisRequest { Spec = spec }, cancellationToken: ct).ResponseAsync);
        var upload = await Assert.ThrowsAsync<RpcException>(() => ServerCalls.UploadAsync(bob.Datasets, "alice-cases", csv, ct));
        var alicesOwn = await alice.Analyses.ExplainAnalysisAsync(new ExplainAnalysisRequest { Spec = spec }, cancellationToken: ct);

        Assert.DoesNotContain(bobsList.Datasets, d => d.Name == "alice-cases");
        Assert.Contains(bobsList.Datasets, d => d.Name == "cdc-cases-deaths-by-state");
        Assert.Equal(StatusCode.InvalidArgument, submit.StatusCode);
        Assert.Contains("unknown dataset 'alice-cases'", submit.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("alice-cases", submit.Status.Detail.Split("loaded datasets are:").Last(), StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, explain.StatusCode);
        Assert.Equal(StatusCode.AlreadyExists, upload.StatusCode);
        Assert.Contains("taken", upload.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", upload.Status.Detail.Replace("alice-cases", ""), StringComparison.Ordinal);
        Assert.DoesNotContain(host.DataDirectory, alicesOwn.DuckdbSql, StringComparison.Ordinal);
        Assert.Contains("datasets/alice-cases/v1/data.parquet", alicesOwn.DuckdbSql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuiltInDataset_OnlyAnAdminMayReplaceIt_AndOnlyAnAdminMayShare()
    {
        var ct = Timeouts.Token(90);
        var csv = await File.ReadAllBytesAsync(CdcFiles.Get(CdcFiles.CasesDeaths2020), ct);
        var alice = TestCredentials.Clients(host, "alice").Datasets;
        var root = TestCredentials.Clients(host, "root").Datasets;

        var replace = await Assert.ThrowsAsync<RpcException>(() => Upload(alice, "cdc-cases-deaths-by-state", csv, replace: true, shared: false, ct));
        var share = await Assert.ThrowsAsync<RpcException>(() => Upload(alice, "alice-shared", csv, replace: false, shared: true, ct));
        var shared = await Upload(root, "cases-2020", csv, replace: false, shared: true, ct);
        var seenByBob = await TestCredentials.Clients(host, "bob").Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct);
        var overwrite = await Assert.ThrowsAsync<RpcException>(() => Upload(alice, "cases-2020", csv, replace: true, shared: false, ct));

        Assert.Equal(StatusCode.PermissionDenied, replace.StatusCode);
        Assert.Contains("only an admin", replace.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, share.StatusCode);
        Assert.True(shared.Shared);
        Assert.Contains(seenByBob.Datasets, d => d.Name == "cases-2020" && d.Shared && d.Owner == "root");
        Assert.Equal(StatusCode.PermissionDenied, overwrite.StatusCode);
        var builtIn = (await root.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct)).Datasets.Single(d => d.Name == "cdc-cases-deaths-by-state");
        Assert.Equal(29_700, builtIn.RowCount);
    }

    [Fact]
    public async Task Owners_SurviveARestart()
    {
        var ct = Timeouts.Token(60);
        var csv = await File.ReadAllBytesAsync(CdcFiles.Get(CdcFiles.CasesDeaths2020), ct);
        var submitted = await TestCredentials.Clients(host, "alice").Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), RequestId = "r1" }, cancellationToken: ct);
        await ServerCalls.UploadAsync(TestCredentials.Clients(host, "alice").Datasets, "alice-kept", csv, ct);

        host = await host.RestartAsync();
        var alice = TestCredentials.Clients(host, "alice");
        var bob = TestCredentials.Clients(host, "bob");

        var again = await alice.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), RequestId = "r1" }, cancellationToken: ct);
        var hidden = await Assert.ThrowsAsync<RpcException>(() => bob.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = submitted.Name }, cancellationToken: ct).ResponseAsync);
        var bobsList = await bob.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct);
        var alicesList = await alice.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct);

        Assert.Equal(submitted.Name, again.Name);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain(bobsList.Datasets, d => d.Name == "alice-kept");
        Assert.Contains(alicesList.Datasets, d => d.Name == "alice-kept" && d.Owner == "alice" && !d.Shared);
    }

    internal static async Task<Dataset> Upload(DatasetService.DatasetServiceClient client, string name, byte[] csv, bool replace, bool shared, CancellationToken ct)
    {
        using var call = client.UploadDataset(cancellationToken: ct);
        try
        {
            await call.RequestStream.WriteAsync(new UploadDatasetRequest
            {
                Header = new UploadHeader { Name = name, Schema = "cdc-cases-deaths-by-state", Replace = replace, Shared = shared },
            }, ct);
            for (var offset = 0; offset < csv.Length; offset += 64 * 1024)
            {
                await call.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = Google.Protobuf.ByteString.CopyFrom(csv, offset, Math.Min(64 * 1024, csv.Length - offset)) }, ct);
            }
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
        {
            // The server may refuse before the last chunk; its status is on the response.
        }
        return await call.ResponseAsync;
    }
}
