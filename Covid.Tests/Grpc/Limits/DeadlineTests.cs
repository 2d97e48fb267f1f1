using Covid.Tests.Support.Cdc;
using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Grpc.Limits;

/// <summary>The server's own deadlines at their edges: a call inside one passes, one that outlives it is stopped naming the limit.</summary>
public sealed class DeadlineTests
{
    [Fact]
    public async Task UnaryCall_InsideTheDeadlinePasses_OneThatOutlivesItIsStoppedNamingTheLimit()
    {
        await using var host = await ServerHost.StartAsync(new ServerHostOptions
        {
            Settings = { ["Limits:UnaryDeadline"] = "00:00:02" },
            Map = SlowService.Map,
        });
        var invoker = host.Channel.CreateCallInvoker();
        var stoppedBefore = SlowService.Stopped;

        await SlowService.CallAsync(invoker, 100, new CallOptions(cancellationToken: Timeouts.Token()));
        // The client allows a minute; the server's two seconds win.
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            SlowService.CallAsync(invoker, 60_000, new CallOptions(deadline: DateTime.UtcNow.AddMinutes(1), cancellationToken: Timeouts.Token())));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Contains("took longer than this server's deadline of 00:00:02 (Limits:UnaryDeadline) and was stopped", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(SlowService.Stopped > stoppedBefore, "the handler's cancellation token did not fire");
    }

    [Fact]
    public async Task UnaryCall_WithAShorterClientDeadline_EndsAtTheClientsDeadline()
    {
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Map = SlowService.Map });

        var error = await Assert.ThrowsAsync<RpcException>(() => SlowService.CallAsync(host.Channel.CreateCallInvoker(), 60_000,
            new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(500), cancellationToken: Timeouts.Token())));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.DoesNotContain("Limits:UnaryDeadline", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_InsideTheDeadlinePasses_OneThatOutlivesItIsStoppedNamingTheLimitAndLeavesNothing()
    {
        var ct = Timeouts.Token(90);
        await using var http = await CdcHttpServer.StartAsync();
        await using var host = await ServerHost.StartAsync(new ServerHostOptions
        {
            Settings = { ["Limits:ImportDeadline"] = "00:00:10", ["Data:ImportHosts:0"] = http.Url("") },
        });

        var imported = await host.Datasets.ImportDatasetAsync(new ImportDatasetRequest
        {
            Name = "in-time", Schema = "cdc-cases-deaths-by-state", Url = http.Url("/files/" + CdcFiles.CasesDeaths2020),
        }, cancellationToken: ct);
        var error = await Assert.ThrowsAsync<RpcException>(() => host.Datasets.ImportDatasetAsync(new ImportDatasetRequest
        {
            Name = "stalled", Schema = "cdc-cases-deaths-by-state", Url = http.Url("/stall/" + CdcFiles.CasesDeaths2020),
        }, cancellationToken: ct).ResponseAsync);

        Assert.Equal(14_760, imported.RowCount);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Contains("deadline of 00:00:10 (Limits:ImportDeadline)", error.Status.Detail, StringComparison.Ordinal);
        var staging = Path.Combine(host.DataDirectory, "datasets", ".staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFileSystemEntries(staging).Length == 0, "staging is not empty");
        Assert.False(Directory.Exists(Path.Combine(host.DataDirectory, "datasets", "stalled")));
    }
}
