using System.Text.Json.Nodes;
using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Grpc.Tenancy;

/// <summary>
/// A data directory written before owners existed (analysis.json and dataset.json without owner or
/// shared): its records belong to the anonymous principal, so a laptop upgrade sees them as before
/// and a server given keys hides them from users but not from admins.
/// </summary>
public sealed class LegacyRecordsTests
{
    [Fact]
    public async Task RecordsWithoutOwner_BelongToAnonymous_VisibleAnonymouslyAndToAdmins_HiddenFromUsers()
    {
        var ct = Timeouts.Token(120);
        var directory = Directory.CreateTempSubdirectory("covid-legacy-").FullName;
        try
        {
            Analysis old;
            await using (var before = await ServerHost.StartAsync(new ServerHostOptions { DataDirectory = directory }))
            {
                await ServerCalls.UploadAsync(before.Datasets, "old-cases", await File.ReadAllBytesAsync(CdcFiles.Get(CdcFiles.CasesDeaths2020), ct), ct);
                old = await before.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample("old-cases"), RequestId = "old-1" }, cancellationToken: ct);
                await ServerCalls.WaitForAsync(before.Analyses, old.Name, a => a.State == Analysis.Types.State.Succeeded, ct);
            }
            await StripOwnersAsync(directory);

            await using (var keyed = await ServerHost.StartAsync(new ServerHostOptions { DataDirectory = directory, Settings = TestCredentials.ApiKeys(("alice", "user"), ("root", "admin")) }))
            {
                var alice = TestCredentials.Clients(keyed, "alice");
                var root = TestCredentials.Clients(keyed, "root");

                var hidden = await Assert.ThrowsAsync<RpcException>(() => alice.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = old.Name }, cancellationToken: ct).ResponseAsync);
                var alicesDatasets = await alice.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct);
                var seenByAdmin = await root.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = old.Name }, cancellationToken: ct);
                var adminsDatasets = await root.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct);
                var alicesOwnRequest = await alice.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), RequestId = "old-1" }, cancellationToken: ct);

                Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
                Assert.DoesNotContain(alicesDatasets.Datasets, d => d.Name == "old-cases");
                Assert.Contains(alicesDatasets.Datasets, d => d.Name == "cdc-cases-deaths-by-state" && d.Shared);
                Assert.Equal("anonymous", seenByAdmin.Owner);
                Assert.Contains(adminsDatasets.Datasets, d => d.Name == "old-cases" && d.Owner == "anonymous" && !d.Shared);
                Assert.NotEqual(old.Name, alicesOwnRequest.Name);
            }

            await using var laptop = await ServerHost.StartAsync(new ServerHostOptions { DataDirectory = directory });
            var again = await laptop.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample("old-cases"), RequestId = "old-1" }, cancellationToken: ct);
            var result = await laptop.Analyses.GetResultAsync(new GetResultRequest { Name = old.Name }, cancellationToken: ct);

            Assert.Equal(old.Name, again.Name);
            Assert.Equal("anonymous", again.Owner);
            Assert.True(result.RowCount > 0);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Rewrites every analysis and dataset.json as it was before owners: no owner, no shared, and
    /// (as it was then) a finished analysis' end in its analysis.json, with no outcome.json.
    /// </summary>
    private static async Task StripOwnersAsync(string directory)
    {
        foreach (var outcome in Directory.GetFiles(Path.Combine(directory, "analyses"), "outcome.json", SearchOption.AllDirectories))
        {
            File.Move(outcome, Path.Combine(Path.GetDirectoryName(outcome)!, "analysis.json"), overwrite: true);
        }
        var files = Directory.GetFiles(Path.Combine(directory, "analyses"), "analysis.json", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(directory, "datasets"), "dataset.json", SearchOption.AllDirectories))
            .ToList();
        Assert.True(files.Count >= 3, string.Join(", ", files));
        foreach (var file in files)
        {
            var json = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
            Assert.True(json.Remove("owner") | json.Remove("shared"), file + " had neither owner nor shared");
            await File.WriteAllTextAsync(file, json.ToJsonString());
        }
    }
}
