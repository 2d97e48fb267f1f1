using System.Runtime.CompilerServices;
using Covid.V1;
using Grpc.Core;

namespace Covid.Client;

public sealed partial class CovidClient
{
    /// <summary>
    /// The analysis' progress: the steps after <paramref name="afterSequence"/> (0 = all), then new
    /// ones live; the enumeration ends when the analysis reaches a terminal state. Pass the last
    /// <see cref="ProgressUpdate.Sequence"/> seen to resume after a dropped connection.
    /// </summary>
    public async IAsyncEnumerable<ProgressUpdate> WatchAsync(string name, long afterSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new StreamProgressRequest { Name = name, AfterSequence = afterSequence };
        using var call = analyses.StreamProgress(request, cancellationToken: cancellationToken);
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

    /// <summary>The whole result table of a succeeded analysis, fetched page by page.</summary>
    /// <exception cref="CovidException">No such analysis (NotFound) or it has not succeeded (FailedPrecondition).</exception>
    public async Task<ResultTable> GetResultAsync(string name, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ResultColumn>? columns = null;
        var rows = new List<IReadOnlyList<object?>>();
        await foreach (var page in GetResultPagesAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            columns ??= page.Columns;
            rows.AddRange(page.Rows);
        }

        return new ResultTable(columns ?? [], rows);
    }

    /// <summary>
    /// The result of a succeeded analysis a page at a time, each a <see cref="ResultTable"/> of the
    /// same columns, fetching the next page as the enumeration goes: a result of any size, in
    /// bounded memory. <paramref name="pageSize"/> 0 lets the server choose (10,000 rows).
    /// </summary>
    /// <exception cref="CovidException">No such analysis (NotFound) or it has not succeeded (FailedPrecondition).</exception>
    public async IAsyncEnumerable<ResultTable> GetResultPagesAsync(string name, int pageSize = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var token = "";
        do
        {
            var request = new GetResultRequest { Name = name, PageSize = pageSize, PageToken = token };
            var page = await Call(analyses.GetResultAsync(request, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            yield return ProtoMapping.ToTable(page);
            token = page.NextPageToken;
        }
        while (token.Length != 0);
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
        using var call = analyses.GetPlot(new GetPlotRequest { Name = name }, cancellationToken: cancellationToken);
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
