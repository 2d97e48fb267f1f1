using System.Globalization;
using Covid.SparkJob.Engine;
using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Grpc.Tenancy;

/// <summary>DeleteDataset and SetDatasetShared between two users and an admin, on the real server.</summary>
public sealed class DatasetDeletionTests
{
    private static readonly (string, string)[] Principals = [("alice", "user"), ("bob", "user"), ("root", "admin")];

    private static Task<byte[]> Csv(CancellationToken ct) => File.ReadAllBytesAsync(CdcFiles.Get(CdcFiles.CasesDeaths2020), ct);

    private static Task<ListDatasetsResponse> List(DatasetService.DatasetServiceClient client, CancellationToken ct) =>
        client.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct).ResponseAsync;

    private static Task Delete(DatasetService.DatasetServiceClient client, string name, CancellationToken ct) =>
        client.DeleteDatasetAsync(new DeleteDatasetRequest { Name = name }, cancellationToken: ct).ResponseAsync;

    private static Task<Dataset> Share(DatasetService.DatasetServiceClient client, string name, bool shared, CancellationToken ct) =>
        client.SetDatasetSharedAsync(new SetDatasetSharedRequest { Name = name, Shared = shared }, cancellationToken: ct).ResponseAsync;

    [Fact]
    public async Task Delete_OwnDataset_RemovesItsFilesAndFreesTheStorageQuota()
    {
        var ct = Timeouts.Token(90);
        var csv = await Csv(ct);
        var settings = TestCredentials.ApiKeys(Principals);
        settings["Quotas:MaxStoredBytes"] = csv.Length.ToString(CultureInfo.InvariantCulture);
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = settings });
        var alice = TestCredentials.Clients(host, "alice").Datasets;
        await ServerCalls.UploadAsync(alice, "first", csv, ct);
        var full = await Assert.ThrowsAsync<RpcException>(() => ServerCalls.UploadAsync(alice, "second", csv, ct));

        await Delete(alice, "first", ct);
        var second = await ServerCalls.UploadAsync(alice, "second", csv, ct);
        var listed = await List(alice, ct);

        Assert.Equal(StatusCode.ResourceExhausted, full.StatusCode);
        Assert.Equal(14_760, second.RowCount);
        Assert.DoesNotContain(listed.Datasets, d => d.Name == "first");
        Assert.False(Directory.Exists(Path.Combine(host.DataDirectory, "datasets", "first")));
        var again = await Assert.ThrowsAsync<RpcException>(() => Delete(alice, "first", ct));
        Assert.Equal(StatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Delete_AnotherUsersPrivateDataset_IsNotFoundWordForWordLikeAMissingOne_ButAnAdminMay()
    {
        var ct = Timeouts.Token(90);
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = TestCredentials.ApiKeys(Principals) });
        await ServerCalls.UploadAsync(TestCredentials.Clients(host, "alice").Datasets, "alice-cases", await Csv(ct), ct);
        var bob = TestCredentials.Clients(host, "bob").Datasets;

        var hidden = await Assert.ThrowsAsync<RpcException>(() => Delete(bob, "alice-cases", ct));
        var missing = await Assert.ThrowsAsync<RpcException>(() => Delete(bob, "no-such-set", ct));
        var shareHidden = await Assert.ThrowsAsync<RpcException>(() => Share(TestCredentials.Clients(host, "bob").Datasets, "alice-cases", true, ct));
        await Delete(TestCredentials.Clients(host, "root").Datasets, "alice-cases", ct);

        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(missing.Status.Detail.Replace("no-such-set", "NAME"), hidden.Status.Detail.Replace("alice-cases", "NAME"));
        Assert.Equal(StatusCode.NotFound, shareHidden.StatusCode);
        Assert.DoesNotContain((await List(TestCredentials.Clients(host, "alice").Datasets, ct)).Datasets, d => d.Name == "alice-cases");
    }

    [Fact]
    public async Task SharedAndBuiltInDatasets_OnlyAnAdminSharesUnsharesOrDeletesThem_AndSharingSurvivesARestart()
    {
        var ct = Timeouts.Token(120);
        var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = TestCredentials.ApiKeys(Principals) });
        try
        {
            var alice = TestCredentials.Clients(host, "alice").Datasets;
            var root = TestCredentials.Clients(host, "root").Datasets;
            await ServerCalls.UploadAsync(alice, "alice-cases", await Csv(ct), ct);

            var notAdmin = await Assert.ThrowsAsync<RpcException>(() => Share(alice, "alice-cases", true, ct));
            var shared = await Share(root, "alice-cases", true, ct);
            var seenByBob = await List(TestCredentials.Clients(host, "bob").Datasets, ct);
            var deleteShared = await Assert.ThrowsAsync<RpcException>(() => Delete(alice, "alice-cases", ct));
            var deleteBuiltIn = await Assert.ThrowsAsync<RpcException>(() => Delete(alice, "cdc-cases-deaths-by-state", ct));
            var unshareBuiltIn = await Assert.ThrowsAsync<RpcException>(() => Share(root, "cdc-cases-deaths-by-state", false, ct));

            Assert.Equal(StatusCode.PermissionDenied, notAdmin.StatusCode);
            Assert.Contains("only an admin may share", notAdmin.Status.Detail, StringComparison.Ordinal);
            Assert.True(shared.Shared);
            Assert.Equal("alice", shared.Owner);
            Assert.Contains(seenByBob.Datasets, d => d.Name == "alice-cases" && d.Shared);
            Assert.Equal(StatusCode.PermissionDenied, deleteShared.StatusCode);
            Assert.Contains("shared with every user; only an admin may delete it", deleteShared.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(StatusCode.PermissionDenied, deleteBuiltIn.StatusCode);
            Assert.Contains("built in; only an admin may delete it", deleteBuiltIn.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(StatusCode.FailedPrecondition, unshareBuiltIn.StatusCode);

            host = await host.RestartAsync();
            var afterRestart = await List(TestCredentials.Clients(host, "bob").Datasets, ct);
            await Share(TestCredentials.Clients(host, "root").Datasets, "alice-cases", false, ct);
            var unsharedForBob = await List(TestCredentials.Clients(host, "bob").Datasets, ct);
            await Delete(TestCredentials.Clients(host, "alice").Datasets, "alice-cases", ct);

            Assert.Contains(afterRestart.Datasets, d => d.Name == "alice-cases" && d.Shared && d.Owner == "alice");
            Assert.DoesNotContain(unsharedForBob.Datasets, d => d.Name == "alice-cases");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Delete_WhileAnAnalysisReadsIt_IsFailedPreconditionUntilTheAnalysisEnds()
    {
        var ct = Timeouts.Token(120);
        var gated = new GatedEngine(new EmbeddedEngine());
        var settings = TestCredentials.ApiKeys(Principals);
        settings["Jobs:MaxConcurrent"] = "1";
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Customize = gated.Customize, Settings = settings });
        var (analyses, datasets) = TestCredentials.Clients(host, "alice");
        await ServerCalls.UploadAsync(datasets, "alice-cases", await Csv(ct), ct);
        var running = await analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample("alice-cases") }, cancellationToken: ct);
        var queued = await analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample("alice-cases"), RequestId = "second" }, cancellationToken: ct);
        await gated.WaitEnteredAsync(ct);

        var inUse = await Assert.ThrowsAsync<RpcException>(() => Delete(datasets, "alice-cases", ct));
        await analyses.CancelAnalysisAsync(new CancelAnalysisRequest { Name = queued.Name }, cancellationToken: ct);
        var stillInUse = await Assert.ThrowsAsync<RpcException>(() => Delete(datasets, "alice-cases", ct));
        gated.Open();
        await ServerCalls.WaitForAsync(analyses, running.Name, a => a.State == Analysis.Types.State.Succeeded, ct);
        await Delete(datasets, "alice-cases", ct);
        var result = await analyses.GetResultAsync(new GetResultRequest { Name = running.Name }, cancellationToken: ct);
        var submitAfter = await Assert.ThrowsAsync<RpcException>(() =>
            analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample("alice-cases") }, cancellationToken: ct).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, inUse.StatusCode);
        Assert.Contains("read by 2 queued or running analyses", inUse.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("read by 1 queued or running analysis;", stillInUse.Status.Detail, StringComparison.Ordinal);
        Assert.True(result.RowCount > 0);
        Assert.Equal(StatusCode.InvalidArgument, submitAfter.StatusCode);
    }
}
