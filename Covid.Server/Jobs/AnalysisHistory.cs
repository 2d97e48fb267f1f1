using Covid.SparkJob.Errors;

namespace Covid.Server.Jobs;

/// <summary>
/// Whether the finished analyses stored before this start are known yet. The server takes calls as
/// soon as the unfinished ones are recovered; the finished history (finished.jsonl and a scan of
/// every folder) loads right after, in the background. A call whose answer depends on it — a list,
/// an id or request_id not found among the analyses in memory, an expiry sweep — waits for it,
/// at most <see cref="MaxWait"/>, then is UNAVAILABLE rather than answered wrong.
/// </summary>
public sealed class AnalysisHistory
{
    /// <summary>Far above what 100,000 stored analyses take to load on a loaded 2-core machine (a few seconds).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    private readonly TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the history is loaded; faults when it could not be.</summary>
    public Task Loaded => loaded.Task;

    public bool IsLoaded => loaded.Task.IsCompletedSuccessfully;

    public void MarkLoaded() => loaded.TrySetResult();

    public void MarkFailed(Exception failure) => loaded.TrySetException(failure);

    /// <summary>Returns once the history is loaded; UNAVAILABLE if it is not within <see cref="MaxWait"/> or could not be loaded.</summary>
    public void Wait()
    {
        if (IsLoaded)
        {
            return;
        }
        try
        {
            if (loaded.Task.Wait(MaxWait))
            {
                return;
            }
        }
        catch (AggregateException ex)
        {
            throw new ServiceException(ErrorCode.Unavailable,
                $"the server could not load its stored analyses ({ex.InnerException?.Message}); it is restarting, retry", innerException: ex.InnerException);
        }
        throw new ServiceException(ErrorCode.Unavailable,
            $"the server is still loading its stored analyses after {MaxWait.TotalSeconds:0} s; retry in a moment");
    }
}
