using Covid.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Covid.Tests.Support;

/// <summary>Client-side plumbing the server tests share: uploads, streams and polls over a real channel.</summary>
internal static class ServerCalls
{
    public static async Task<Dataset> UploadAsync(
        DatasetService.DatasetServiceClient client, string name, byte[] content, CancellationToken ct, string fileName = "upload.csv", int chunkSize = 64 * 1024,
        bool replace = false)
    {
        using var call = client.UploadDataset(cancellationToken: ct);
        try
        {
            await call.RequestStream.WriteAsync(new UploadDatasetRequest
            {
                Header = new UploadHeader { Name = name, Schema = "cdc-cases-deaths-by-state", FileName = fileName, Replace = replace },
            }, ct);
            for (var offset = 0; offset < content.Length; offset += chunkSize)
            {
                var chunk = ByteString.CopyFrom(content, offset, Math.Min(chunkSize, content.Length - offset));
                await call.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = chunk }, ct);
            }
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
        {
            // The server may answer (e.g. size limit) while we still write; its status is on the response.
        }
        return await call.ResponseAsync;
    }

    public static async Task<List<ProgressEvent>> StreamAsync(
        AnalysisService.AnalysisServiceClient client, string name, CancellationToken ct, long afterSequence = 0)
    {
        using var call = client.StreamProgress(new StreamProgressRequest { Name = name, AfterSequence = afterSequence }, cancellationToken: ct);
        var events = new List<ProgressEvent>();
        await foreach (var e in call.ResponseStream.ReadAllAsync(ct))
        {
            events.Add(e);
        }
        return events;
    }

    public static async Task<(PlotChunk First, byte[] Png)> PlotAsync(AnalysisService.AnalysisServiceClient client, string name, CancellationToken ct)
    {
        using var call = client.GetPlot(new GetPlotRequest { Name = name }, cancellationToken: ct);
        PlotChunk? first = null;
        using var png = new MemoryStream();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync(ct))
        {
            first ??= chunk;
            chunk.Data.WriteTo(png);
        }
        return (first ?? throw new InvalidOperationException("GetPlot sent no chunks"), png.ToArray());
    }

    /// <summary>Polls GetAnalysis until the condition holds; the token bounds the wait.</summary>
    public static async Task<Analysis> WaitForAsync(
        AnalysisService.AnalysisServiceClient client, string name, Func<Analysis, bool> condition, CancellationToken ct)
    {
        while (true)
        {
            var analysis = await client.GetAnalysisAsync(new GetAnalysisRequest { Name = name }, cancellationToken: ct);
            if (condition(analysis))
            {
                return analysis;
            }
            await Task.Delay(25, ct);
        }
    }

    /// <summary>Every analysis ListAnalyses answers, page after page.</summary>
    public static async Task<List<Analysis>> ListAllAsync(AnalysisService.AnalysisServiceClient client, CancellationToken ct, int pageSize = 500)
    {
        var all = new List<Analysis>();
        var token = "";
        do
        {
            var page = await client.ListAnalysesAsync(new ListAnalysesRequest { PageSize = pageSize, PageToken = token }, cancellationToken: ct);
            all.AddRange(page.Analyses);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }
}
