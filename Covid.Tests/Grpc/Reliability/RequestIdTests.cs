using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Grpc.Reliability;

/// <summary>AIP-155: a request_id retried with the same spec is the same analysis; with another spec, an error naming request_id.</summary>
public sealed class RequestIdTests
{
    [Fact]
    public async Task Submit_SameRequestIdOtherSpec_InvalidArgumentNamingRequestIdBeforeAndAfterRestart()
    {
        var ct = Timeouts.Token(60);
        var host = await ServerHost.StartAsync();
        try
        {
            var first = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), RequestId = "weekly-1" }, cancellationToken: ct);
            var other = Specs.IssueExample();
            other.Filters[0].Values.Add("TX");

            for (var round = 0; round < 2; round++)
            {
                var retried = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), RequestId = "weekly-1" }, cancellationToken: ct);
                var error = await Assert.ThrowsAsync<RpcException>(() =>
                    host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = other, RequestId = "weekly-1" }, cancellationToken: ct).ResponseAsync);

                Assert.Equal(first.Name, retried.Name);
                Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
                var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations);
                Assert.Equal("request_id", violation.Field);
                Assert.Contains($"already used for {first.Name} with a different spec", violation.Description, StringComparison.Ordinal);
                await ServerCalls.WaitForAsync(host.Analyses, first.Name, a => a.State == Analysis.Types.State.Succeeded, ct);
                // After a restart the analysis is known from the finished log and read when the retry asks.
                host = await host.RestartAsync();
            }
            Assert.Single((await host.Analyses.ListAnalysesAsync(new ListAnalysesRequest(), cancellationToken: ct)).Analyses);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
