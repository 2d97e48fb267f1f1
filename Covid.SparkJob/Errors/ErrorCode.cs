namespace Covid.SparkJob.Errors;

/// <summary>
/// What kind of failure a caller can act on, one for each canonical status the service answers
/// with (google.rpc.Code); the gRPC edge maps each to its status code and nothing else.
/// </summary>
public enum ErrorCode
{
    /// <summary>The request itself is wrong (a spec, a file, a name); fixing it and retrying helps.</summary>
    InvalidArgument,
    /// <summary>The named analysis, dataset or source does not exist.</summary>
    NotFound,
    /// <summary>Something of that name exists already.</summary>
    AlreadyExists,
    /// <summary>The system is not in a state that allows this (no result yet, an engine not configured).</summary>
    FailedPrecondition,
    /// <summary>A limit or quota is reached; retry later or ask for less.</summary>
    ResourceExhausted,
    /// <summary>The caller may not do this.</summary>
    PermissionDenied,
    /// <summary>The caller did not say who it is, or the credential is not valid.</summary>
    Unauthenticated,
    /// <summary>Something the service depends on cannot be reached now; retrying may help.</summary>
    Unavailable,
    /// <summary>It took longer than allowed.</summary>
    DeadlineExceeded,
    /// <summary>The caller, or the service's shutdown, cancelled it.</summary>
    Cancelled,
    /// <summary>Stored or received data is damaged.</summary>
    DataLoss,
    /// <summary>A fault of the service itself.</summary>
    Internal,
}
