using System.Runtime.CompilerServices;
using Covid.Server.Jobs;
using Covid.SparkJob.Errors;
using Covid.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Covid.Server.Grpc;

/// <summary>covid.v1.AnalysisService: request parsing and response shaping around <see cref="AnalysisManager"/>.</summary>
public sealed class AnalysisGrpcService(AnalysisManager analyses, AnalysisExplainer explainer, Audit audit) : AnalysisService.AnalysisServiceBase
{
    private const int PlotChunkBytes = 64 * 1024;
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 1000;

    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    public override Task<Analysis> SubmitAnalysis(SubmitAnalysisRequest request, ServerCallContext context) =>
        Task.FromResult(audit.Run(context, "submit", a => a.Name, () => analyses.Submit(context.Caller(), request.Spec, request.RequestId, request.Recompute),
            request.Spec?.Dataset ?? ""));

    public override Task<Analysis> GetAnalysis(GetAnalysisRequest request, ServerCallContext context) =>
        Task.FromResult(analyses.Get(context.Caller(), request.Name));

    public override Task<ListAnalysesResponse> ListAnalyses(ListAnalysesRequest request, ServerCallContext context)
    {
        var size = PageSize(request.PageSize, DefaultPageSize, MaxPageSize);
        var (page, next) = analyses.List(context.Caller(), PageToken.DecodeList(request.PageToken), size);
        return Task.FromResult(new ListAnalysesResponse { Analyses = { page }, NextPageToken = next is null ? "" : PageToken.Encode(next) });
    }

    public override async Task StreamProgress(StreamProgressRequest request, IServerStreamWriter<ProgressEvent> responseStream, ServerCallContext context)
    {
        // Over gRPC, events already there (a replay, or a small analysis that ran while the stream
        // was opened) go out together instead of one send each: each is buffered, and what is
        // buffered is flushed only before waiting for the next one; the last goes with the call's
        // end. REST (JSON transcoding) keeps one send per event: it lost a buffered last event.
        var http = context.GetHttpContext();
        var batched = (http.Request.ContentType ?? "").StartsWith("application/grpc", StringComparison.Ordinal);
        if (batched)
        {
            responseStream.WriteOptions = Buffered;
        }
        await using var events = analyses.Follow(context.Caller(), request.Name, request.AfterSequence, context.CancellationToken)
            .GetAsyncEnumerator(context.CancellationToken);
        var unsent = false;
        for (var next = events.MoveNextAsync(); ; next = events.MoveNextAsync())
        {
            if (unsent && !next.IsCompleted)
            {
                await http.Response.BodyWriter.FlushAsync(context.CancellationToken);
                unsent = false;
            }
            if (!await next)
            {
                return;
            }
            await responseStream.WriteAsync(events.Current, context.CancellationToken);
            unsent = batched;
        }
    }

    public override Task<Result> GetResult(GetResultRequest request, ServerCallContext context)
    {
        var size = PageSize(request.PageSize, ResultPages.DefaultRows, ResultPages.MaxRows);
        var (id, result) = analyses.GetResult(context.Caller(), request.Name);
        return Task.FromResult(ResultPages.Page(id, result, PageToken.DecodeResult(request.PageToken, id, result.RowCount), size));
    }

    public override async Task GetPlot(GetPlotRequest request, IServerStreamWriter<PlotChunk> responseStream, ServerCallContext context)
    {
        var (stream, width, height) = await analyses.OpenPlotAsync(context.Caller(), request.Name);
        await using var png = stream;
        var first = true;
        await foreach (var data in Chunks(png, context.CancellationToken))
        {
            var chunk = new PlotChunk { Data = data };
            if (first)
            {
                chunk.ContentType = "image/png";
                chunk.Width = width;
                chunk.Height = height;
                first = false;
            }
            await responseStream.WriteAsync(chunk, context.CancellationToken);
        }
    }

    public override async Task<Google.Api.HttpBody> GetPlotImage(GetPlotRequest request, ServerCallContext context)
    {
        var (stream, _, _) = await analyses.OpenPlotAsync(context.Caller(), request.Name);
        await using var png = stream;
        var data = png is MemoryStream memory && memory.TryGetBuffer(out var whole)
            ? UnsafeByteOperations.UnsafeWrap(whole.AsMemory())
            : await ByteString.FromStreamAsync(png, context.CancellationToken);
        return new Google.Api.HttpBody { ContentType = "image/png", Data = data };
    }

    /// <summary>
    /// The PNG in chunks of at most <see cref="PlotChunkBytes"/>. A chart held in memory is never
    /// changed once drawn, so its chunks are slices of it, not copies; a stored one is read.
    /// </summary>
    private static async IAsyncEnumerable<ByteString> Chunks(Stream png, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (png is MemoryStream memory && memory.TryGetBuffer(out var whole))
        {
            for (var at = 0; at < whole.Count; at += PlotChunkBytes)
            {
                yield return UnsafeByteOperations.UnsafeWrap(whole.AsMemory(at, Math.Min(PlotChunkBytes, whole.Count - at)));
            }
            yield break;
        }
        var buffer = new byte[PlotChunkBytes];
        int read;
        while ((read = await png.ReadAsync(buffer, cancellationToken)) > 0)
        {
            yield return ByteString.CopyFrom(buffer, 0, read);
        }
    }

    private static int PageSize(int asked, int defaultSize, int maxSize) => asked switch
    {
        < 0 => throw ServiceException.InvalidArgument("page_size", "must not be negative"),
        0 => defaultSize,
        _ => Math.Min(asked, maxSize),
    };

    public override Task<Analysis> CancelAnalysis(CancelAnalysisRequest request, ServerCallContext context) =>
        Task.FromResult(audit.Run(context, "cancel", a => a.Name, () => analyses.Cancel(context.Caller(), request.Name), request.Name));

    public override Task<ExplainAnalysisResponse> ExplainAnalysis(ExplainAnalysisRequest request, ServerCallContext context) =>
        Task.FromResult(explainer.Explain(context.Caller(), request.Spec ?? throw ServiceException.InvalidArgument("spec", "required")));
}
