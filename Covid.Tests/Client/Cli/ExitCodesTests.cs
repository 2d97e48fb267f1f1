extern alias cli;
using cli::Covid.Client;
using cli::Covid.Cli;
using Grpc.Core;

namespace Covid.Tests.Client.Cli;

public class ExitCodesTests
{
    [Theory]
    [InlineData(StatusCode.InvalidArgument, ExitCode.InvalidArgument)]
    [InlineData(StatusCode.OutOfRange, ExitCode.InvalidArgument)]
    [InlineData(StatusCode.NotFound, ExitCode.NotFound)]
    [InlineData(StatusCode.Unavailable, ExitCode.Unavailable)]
    [InlineData(StatusCode.DeadlineExceeded, ExitCode.Unavailable)]
    [InlineData(StatusCode.AlreadyExists, ExitCode.AlreadyExists)]
    [InlineData(StatusCode.ResourceExhausted, ExitCode.ResourceExhausted)]
    [InlineData(StatusCode.FailedPrecondition, ExitCode.FailedPrecondition)]
    [InlineData(StatusCode.PermissionDenied, ExitCode.PermissionDenied)]
    [InlineData(StatusCode.Unauthenticated, ExitCode.PermissionDenied)]
    [InlineData(StatusCode.Unimplemented, ExitCode.Unimplemented)]
    [InlineData(StatusCode.Internal, ExitCode.ServerError)]
    [InlineData(StatusCode.DataLoss, ExitCode.ServerError)]
    [InlineData(StatusCode.Unknown, ExitCode.ServerError)]
    public void From_StatusCode_NamedExitCode(StatusCode status, ExitCode expected)
    {
        Assert.Equal(expected, ExitCodes.From(status));
    }

    [Theory]
    [InlineData(AnalysisState.Succeeded, ExitCode.Success)]
    [InlineData(AnalysisState.Failed, ExitCode.Failure)]
    [InlineData(AnalysisState.Cancelled, ExitCode.Failure)]
    public void From_TerminalState_SuccessOnlyWhenSucceeded(AnalysisState state, ExitCode expected)
    {
        Assert.Equal(expected, ExitCodes.From(state));
    }

    [Fact]
    public void ExitCode_DocumentedValues_Stable()
    {
        // Scripts depend on these numbers; changing one is a breaking change.
        Assert.Equal(
            [0, 1, 2, 3, 4, 5, 130],
            new[] { ExitCode.Success, ExitCode.Failure, ExitCode.Usage, ExitCode.InvalidArgument, ExitCode.NotFound, ExitCode.Unavailable, ExitCode.Interrupted }.Select(c => (int)c));
    }
}
