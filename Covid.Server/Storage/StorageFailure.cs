using Covid.SparkJob.Errors;

namespace Covid.Server.Storage;

/// <summary>
/// A write to the data directory that failed: a full disk (or quota) is RESOURCE_EXHAUSTED, any
/// other I/O failure UNAVAILABLE, both saying nothing was kept and never naming a server path.
/// </summary>
public static class StorageFailure
{
    private const int NoSpace = 28;       // ENOSPC
    private const int QuotaExceeded = 122; // EDQUOT

    /// <summary>True for a full disk, whoever reported it: .NET's IOException, or an engine (DuckDB) quoting the OS.</summary>
    public static bool IsDiskFull(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is IOException { HResult: NoSpace or QuotaExceeded }
                || e.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("Disk quota exceeded", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True for a failure of the file system itself rather than a bug.</summary>
    public static bool IsStorage(Exception exception) =>
        exception is IOException or UnauthorizedAccessException || IsDiskFull(exception);

    /// <summary>The failure as callers see it; <paramref name="what"/> says what was not kept, e.g. "the analysis was not created".</summary>
    public static ServiceException ToServiceException(Exception exception, DataLayout layout, string what) =>
        IsDiskFull(exception)
            ? new ServiceException(ErrorCode.ResourceExhausted,
                $"the server's data directory is full; {what} (free space on its volume, then try again)", innerException: exception)
            : new ServiceException(ErrorCode.Unavailable,
                $"the server could not write to its data directory ({layout.Relative(exception.Message)}); {what} (try again later)", innerException: exception);

    /// <summary>A one-line reason for logs and progress messages, with paths relative to the data directory.</summary>
    public static string Describe(Exception exception, DataLayout layout) =>
        IsDiskFull(exception) ? "the data directory is full" : layout.Relative(exception.Message);
}
