using Grpc.Core;

namespace Covid.Cli;

/// <summary>Maps failures to <see cref="ExitCode"/>s, in one place so every verb agrees.</summary>
internal static class ExitCodes
{
    public static ExitCode From(StatusCode status) => status switch
    {
        StatusCode.OK => ExitCode.Success,
        StatusCode.InvalidArgument or StatusCode.OutOfRange => ExitCode.InvalidArgument,
        StatusCode.NotFound => ExitCode.NotFound,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled => ExitCode.Unavailable,
        StatusCode.AlreadyExists => ExitCode.AlreadyExists,
        StatusCode.ResourceExhausted => ExitCode.ResourceExhausted,
        StatusCode.FailedPrecondition or StatusCode.Aborted => ExitCode.FailedPrecondition,
        StatusCode.PermissionDenied or StatusCode.Unauthenticated => ExitCode.PermissionDenied,
        StatusCode.Unimplemented => ExitCode.Unimplemented,
        _ => ExitCode.ServerError,
    };

    /// <summary>What a finished analysis in this state means for run and watch.</summary>
    public static ExitCode From(AnalysisState state) =>
        state == AnalysisState.Succeeded ? ExitCode.Success : ExitCode.Failure;
}
