namespace Covid.Cli;

/// <summary>The CLI's exit codes; scripts may rely on them.</summary>
public enum ExitCode
{
    /// <summary>Done; for run and watch, the analysis succeeded.</summary>
    Success = 0,
    /// <summary>The analysis failed or was cancelled.</summary>
    Failure = 1,
    /// <summary>The command line itself is wrong (unknown verb or option, missing argument).</summary>
    Usage = 2,
    /// <summary>The spec or another argument was rejected (bad JSON, field violations).</summary>
    InvalidArgument = 3,
    /// <summary>No such analysis, dataset, schema or file.</summary>
    NotFound = 4,
    /// <summary>The server cannot be reached or timed out.</summary>
    Unavailable = 5,
    /// <summary>A dataset of that name exists (use --replace).</summary>
    AlreadyExists = 6,
    /// <summary>The server's queue is full; try again later.</summary>
    ResourceExhausted = 7,
    /// <summary>The analysis is not in a state that allows this (e.g. a result before it succeeded).</summary>
    FailedPrecondition = 8,
    /// <summary>The server refused the caller.</summary>
    PermissionDenied = 9,
    /// <summary>The server does not implement this yet.</summary>
    Unimplemented = 10,
    /// <summary>The server failed internally or sent something malformed.</summary>
    ServerError = 11,
    /// <summary>A local file could not be read or written.</summary>
    FileError = 12,
    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    Interrupted = 130,
}
