using System.Runtime.CompilerServices;
using Covid.V1;
using Grpc.Core;

namespace Covid.Client;

public sealed partial class CovidClient
{
    /// <summary>One progress stream, as the server sends it; <see cref="AnalysisHandle.ProgressAsync"/> resumes it across drops.</summary>
    internal async IAsyncEnumerable<Progress> StreamProgressAsync(string name, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new StreamProgressRequest { Name = name, AfterSequence = afterSequence };
        using var call = analyses.StreamProgress(request, Streaming(cancellationToken));
        while (true)
        {
            ProgressEvent progress;
            try
            {
                if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }
                progress = call.ResponseStream.Current;
            }
            catch (RpcException e)
            {
                throw RpcErrors.Translate(e, cancellationToken);
            }
            yield return ProtoMapping.ToUpdate(progress);
        }
    }

    /// <summary>The whole result table of a succeeded analysis, fetched page by page (see <see cref="AnalysisHandle.GetResultAsync"/> to wait for it).</summary>
    /// <exception cref="NotFoundException">No such analysis.</exception>
    /// <exception cref="CovidException">It has not succeeded (FailedPrecondition).</exception>
    public async Task<AnalysisResult> GetResultAsync(string name, CancellationToken cancellationToken = default)
    {
        var pages = new List<Result>();
        var token = "";
        do
        {
            var page = await ResultPageAsync(name, 0, token, cancellationToken).ConfigureAwait(false);
            pages.Add(page);
            token = page.NextPageToken;
        }
        while (token.Length != 0);
        return ProtoMapping.ToResult(pages[0].Analysis, pages);
    }

    /// <summary>
    /// The result of a succeeded analysis a page at a time, each an <see cref="AnalysisResult"/> of the
    /// same columns, fetching the next page as the enumeration goes: a result of any size, in
    /// bounded memory. <paramref name="pageSize"/> 0 lets the server choose (10,000 rows).
    /// </summary>
    /// <exception cref="CovidException">No such analysis (NotFound) or it has not succeeded (FailedPrecondition).</exception>
    public async IAsyncEnumerable<AnalysisResult> GetResultPagesAsync(string name, int pageSize = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var token = "";
        do
        {
            var page = await ResultPageAsync(name, pageSize, token, cancellationToken).ConfigureAwait(false);
            yield return ProtoMapping.ToResult(page.Analysis, [page]);
            token = page.NextPageToken;
        }
        while (token.Length != 0);
    }

    private Task<Result> ResultPageAsync(string name, int pageSize, string token, CancellationToken cancellationToken)
    {
        var request = new GetResultRequest { Name = name, PageSize = pageSize, PageToken = token };
        return Unary(o => analyses.GetResultAsync(request, o), idempotent: true, cancellationToken);
    }

    /// <summary>
    /// Writes the analysis' PNG chart to <paramref name="path"/>. The chunks go to a temporary file
    /// beside it that is renamed over the target only when complete, so the path never holds half a chart.
    /// </summary>
    /// <exception cref="CovidException">The server has no chart for it, or the stream failed.</exception>
    /// <exception cref="IOException">The file cannot be written (e.g. its directory does not exist).</exception>
    public async Task<PlotImage> SavePlotAsync(string name, string path, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var (width, height, size) = await DownloadPlotAsync(name, temp, cancellationToken).ConfigureAwait(false);
            File.Move(temp, target, overwrite: true);
            return new PlotImage(target, width, height, size);
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }
    }

    /// <summary>Removes a leftover temp file without letting a second failure hide the first.</summary>
    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one worth reporting.
        }
    }

    private async Task<(int Width, int Height, long Size)> DownloadPlotAsync(string name, string temp, CancellationToken cancellationToken)
    {
        using var call = analyses.GetPlot(new GetPlotRequest { Name = name }, Streaming(cancellationToken));
        await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        int width = 0, height = 0;
        long size = 0;
        try
        {
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                var chunk = call.ResponseStream.Current;
                if (size == 0 && chunk.Width > 0)
                {
                    (width, height) = (chunk.Width, chunk.Height);
                }
                await file.WriteAsync(chunk.Data.Memory, cancellationToken).ConfigureAwait(false);
                size += chunk.Data.Length;
            }
        }
        catch (RpcException e)
        {
            throw RpcErrors.Translate(e, cancellationToken);
        }
        if (size == 0)
        {
            throw new CovidException(StatusCode.DataLoss, $"The server sent an empty plot for {name}.");
        }
        // Durable before the rename makes it visible.
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        file.Flush(flushToDisk: true);
        return (width, height, size);
    }
}
