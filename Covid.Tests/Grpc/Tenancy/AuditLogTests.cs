using System.Globalization;
using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Covid.Tests.Grpc.Tenancy;

/// <summary>The Covid.Audit log: one structured line per state-changing call, refusals included.</summary>
public sealed class AuditLogTests
{
    [Fact]
    public async Task EveryStateChangingCall_WritesOneAuditLine_WithWhoWhatWhenAndResult()
    {
        var ct = Timeouts.Token(120);
        var csv = await File.ReadAllBytesAsync(CdcFiles.Get(CdcFiles.CasesDeaths2020), ct);
        var logs = new CapturedLogs("Covid.Audit");
        var settings = TestCredentials.ApiKeys(("alice", "user"), ("root", "admin"));
        settings["Logging:LogLevel:Covid.Audit"] = "Information";
        var started = DateTimeOffset.UtcNow;
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = settings, Customize = b => b.Logging.AddProvider(logs) });
        var alice = TestCredentials.Clients(host, "alice");
        var root = TestCredentials.Clients(host, "root").Datasets;

        var submitted = await alice.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
        await alice.Analyses.CancelAnalysisAsync(new CancelAnalysisRequest { Name = submitted.Name }, cancellationToken: ct);
        await ServerCalls.UploadAsync(alice.Datasets, "alice-cases", csv, ct);
        await Assert.ThrowsAsync<RpcException>(() => alice.Datasets.ImportDatasetAsync(new ImportDatasetRequest
        {
            Name = "elsewhere", Schema = "cdc-cases-deaths-by-state", Url = "https://example.invalid/cases.csv",
        }, cancellationToken: ct).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() => alice.Datasets.SetDatasetSharedAsync(new SetDatasetSharedRequest { Name = "alice-cases", Shared = true }, cancellationToken: ct).ResponseAsync);
        await root.SetDatasetSharedAsync(new SetDatasetSharedRequest { Name = "alice-cases", Shared = true }, cancellationToken: ct);
        await Assert.ThrowsAsync<RpcException>(() => alice.Datasets.DeleteDatasetAsync(new DeleteDatasetRequest { Name = "alice-cases" }, cancellationToken: ct).ResponseAsync);
        await root.DeleteDatasetAsync(new DeleteDatasetRequest { Name = "alice-cases" }, cancellationToken: ct);
        await alice.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct);

        var lines = logs.Entries.Select(e => (Entry: e, Line: (
            Action: (string)e.Values["Action"]!, Target: (string)e.Values["Target"]!, Principal: (string)e.Values["Principal"]!, Result: (string)e.Values["Result"]!))).ToList();
        Assert.All(lines, l => Assert.Equal(9000, l.Entry.EventId.Id));
        Assert.All(lines, l => Assert.InRange(DateTimeOffset.Parse((string)l.Entry.Values["Time"]!, CultureInfo.InvariantCulture), started, DateTimeOffset.UtcNow));
        Assert.Equal(
        [
            ("submit", submitted.Name, "alice", "ok"),
            ("cancel", submitted.Name, "alice", "ok"),
            ("upload", "alice-cases", "alice", "ok"),
            ("import", "elsewhere from https://example.invalid/cases.csv", "alice", "PermissionDenied"),
            ("share", "alice-cases", "alice", "PermissionDenied"),
            ("share", "alice-cases", "root", "ok"),
            ("delete", "alice-cases", "alice", "PermissionDenied"),
            ("delete", "alice-cases", "root", "ok"),
        ], lines.Select(l => (l.Line.Action, l.Line.Target, l.Line.Principal, l.Line.Result.Split(':')[0])).ToList());
        Assert.Contains("example.invalid is not a host this server imports from", lines[3].Line.Result, StringComparison.Ordinal);
    }
}
