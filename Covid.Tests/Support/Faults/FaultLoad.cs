using Covid.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Covid.Tests.Support.Faults;

/// <summary>
/// What clients do while the harness waits to strike: two submitters, an uploader that adds new
/// datasets and replaces one, and a follower streaming progress. Every answer goes in the ledger;
/// a call the fault cut short is simply unanswered.
/// </summary>
internal sealed class FaultLoad(FaultLedger ledger, FaultWorkload workload, Random random)
{
    public const string ReplacedDataset = "faults-replaced";

    public Task RunAsync(ServerProcess server, int trial, CancellationToken ct) => Task.WhenAll(
        SubmitAsync(server, ct), SubmitAsync(server, ct), UploadAsync(server, trial, ct), FollowAsync(server, ct));

    private async Task SubmitAsync(ServerProcess server, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var variant = random.Next(workload.Variants);
            var requestId = Guid.NewGuid().ToString("N");
            ledger.Submitting(requestId, variant);
            try
            {
                var analysis = await server.Analyses.SubmitAnalysisAsync(
                    new SubmitAnalysisRequest { Spec = workload.Spec(variant), RequestId = requestId }, cancellationToken: ct);
                ledger.Submitted(requestId, analysis.Name);
                await Task.Delay(random.Next(20, 150), ct);
            }
            catch (Exception ex) when (ex is RpcException or OperationCanceledException)
            {
                await Pause(ct);
            }
        }
    }

    private async Task UploadAsync(ServerProcess server, int trial, CancellationToken ct)
    {
        for (var n = 0; !ct.IsCancellationRequested; n++)
        {
            var replace = random.Next(2) == 0;
            var name = replace ? ReplacedDataset : $"faults-{trial}-{n}";
            var rows = workload.NextRowCount();
            ledger.Uploading(name, rows);
            try
            {
                using var call = server.Datasets.UploadDataset(cancellationToken: ct);
                await call.RequestStream.WriteAsync(new UploadDatasetRequest
                {
                    Header = new UploadHeader { Name = name, Schema = "cdc-cases-deaths-by-state", FileName = "faults.csv", Replace = replace },
                }, ct);
                var content = workload.Csv(rows);
                for (var offset = 0; offset < content.Length; offset += 16 * 1024)
                {
                    await call.RequestStream.WriteAsync(new UploadDatasetRequest
                    {
                        Chunk = ByteString.CopyFrom(content, offset, Math.Min(16 * 1024, content.Length - offset)),
                    }, ct);
                }
                await call.RequestStream.CompleteAsync();
                var dataset = await call.ResponseAsync;
                ledger.Uploaded(name, dataset.RowCount);
            }
            catch (Exception ex) when (ex is RpcException or OperationCanceledException or InvalidOperationException or IOException)
            {
                await Pause(ct);
            }
        }
    }

    private async Task FollowAsync(ServerProcess server, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var names = ledger.Analyses.Keys.ToList();
            try
            {
                if (names.Count > 0)
                {
                    using var call = server.Analyses.StreamProgress(new StreamProgressRequest { Name = names[random.Next(names.Count)] }, cancellationToken: ct);
                    await foreach (var _ in call.ResponseStream.ReadAllAsync(ct))
                    {
                    }
                }
                await Task.Delay(50, ct);
            }
            catch (Exception ex) when (ex is RpcException or OperationCanceledException)
            {
                await Pause(ct);
            }
        }
    }

    /// <summary>After a refusal or a cut: not a busy loop against a dead server.</summary>
    private static async Task Pause(CancellationToken ct)
    {
        try
        {
            await Task.Delay(200, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
