using Covid.Tests.Support;
using Covid.V1;
using Google.Rpc;
using Grpc.Core;

namespace Covid.Tests.Grpc.Versions;

/// <summary>
/// Versions belong to their dataset's owner: another user cannot list them, pin a spec to one or
/// compare with one, and every answer is word for word what a name that never existed gets.
/// </summary>
public sealed class VersionTenancyTests : IAsyncLifetime
{
    private ServerHost host = null!;

    public async Task InitializeAsync() =>
        host = await ServerHost.StartAsync(new ServerHostOptions { Settings = TestCredentials.ApiKeys(("alice", "user"), ("bob", "user"), ("root", "admin")) });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task AnotherUsersVersions_AreNotFound_AsANameThatNeverExisted()
    {
        var ct = Timeouts.Token(120);
        var alice = TestCredentials.Clients(host, "alice");
        var bob = TestCredentials.Clients(host, "bob");
        await Vintages.LoadBothAsync(alice.Datasets, ct, "alice-cases");

        var listed = await Vintages.FailsAsync(() => bob.Datasets.ListDatasetVersionsAsync(new ListDatasetVersionsRequest { Name = "alice-cases" }, cancellationToken: ct));
        var never = await Vintages.FailsAsync(() => bob.Datasets.ListDatasetVersionsAsync(new ListDatasetVersionsRequest { Name = "never-cases" }, cancellationToken: ct));
        var aliceSees = await Vintages.VersionsAsync(alice.Datasets, "alice-cases", ct);
        var rootSees = await Vintages.VersionsAsync(TestCredentials.Clients(host, "root").Datasets, "alice-cases", ct);

        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (listed.StatusCode, never.StatusCode));
        Assert.Equal(never.Status.Detail.Replace("never-cases", "alice-cases"), listed.Status.Detail);
        Assert.Equal([2, 1], aliceSees.Select(v => v.Version));
        Assert.Equal(aliceSees, rootSees);
    }

    [Theory]
    [InlineData("""{"version": 1}""")]
    [InlineData("""{"asOf": "2021-01-01"}""")]
    [InlineData("""{"compareTo": {"version": 1}}""")]
    public async Task AnotherUsersDataset_PinnedOrCompared_FailsAsANameThatNeverExisted(string pin)
    {
        var ct = Timeouts.Token(120);
        var alice = TestCredentials.Clients(host, "alice");
        var bob = TestCredentials.Clients(host, "bob");
        await Vintages.LoadBothAsync(alice.Datasets, ct, "hidden-cases");

        var theirs = await Rejected(bob.Analyses, "hidden-cases", pin, ct);
        var none = await Rejected(bob.Analyses, "absent-cases", pin, ct);

        Assert.Equal(StatusCode.InvalidArgument, theirs.Code);
        Assert.Equal(none.Violations.Replace("absent-cases", "hidden-cases"), theirs.Violations);
        Assert.DoesNotContain("2020-09-24", theirs.Violations, StringComparison.Ordinal);
    }

    /// <summary>The status and the field violations of submitting and of explaining the pinned spec over <paramref name="dataset"/>.</summary>
    private static async Task<(StatusCode Code, string Violations)> Rejected(AnalysisService.AnalysisServiceClient client, string dataset, string pin, CancellationToken ct)
    {
        var spec = Vintages.WeeklyByState(dataset);
        spec.MergeFrom(Specs.Parse(pin));
        var submit = await Vintages.FailsAsync(() => client.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec }, cancellationToken: ct));
        var explain = await Vintages.FailsAsync(() => client.ExplainAnalysisAsync(new ExplainAnalysisRequest { Spec = spec }, cancellationToken: ct));
        Assert.Equal(submit.StatusCode, explain.StatusCode);
        static string Describe(RpcException ex) =>
            string.Join("\n", ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(f => f.Field + ": " + f.Description));
        Assert.Equal(Describe(submit), Describe(explain));
        return (submit.StatusCode, Describe(submit));
    }
}
