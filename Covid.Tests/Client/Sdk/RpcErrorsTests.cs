extern alias cli;
using cli::Covid.Client;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Status = Grpc.Core.Status;

namespace Covid.Tests.Client.Sdk;

public class RpcErrorsTests
{
    [Fact]
    public void ToCovidException_BadRequestDetails_FieldViolationsInOrder()
    {
        var badRequest = new BadRequest
        {
            FieldViolations =
            {
                new BadRequest.Types.FieldViolation { Field = "spec.filters[0].values[1]", Description = "unknown state code 'ZZ'" },
                new BadRequest.Types.FieldViolation { Field = "spec.date_range.start", Description = "after end" },
            },
        };
        var status = new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = "The spec is invalid.", Details = { Any.Pack(badRequest) } };

        var e = RpcErrors.ToCovidException(status.ToRpcException());

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("The spec is invalid.", e.Message);
        Assert.Equal(
            [new cli::Covid.Client.FieldViolation("spec.filters[0].values[1]", "unknown state code 'ZZ'"), new("spec.date_range.start", "after end")],
            e.FieldViolations);
    }

    [Fact]
    public void ToCovidException_PlainStatus_NoViolations()
    {
        var e = RpcErrors.ToCovidException(new RpcException(new Status(StatusCode.NotFound, "analyses/x not found")));

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Equal("analyses/x not found", e.Message);
        Assert.Empty(e.FieldViolations);
    }

    [Fact]
    public void ToCovidException_EmptyDetail_StatusNameAsMessage()
    {
        var e = RpcErrors.ToCovidException(new RpcException(new Status(StatusCode.Internal, "")));

        Assert.Equal("Internal", e.Message);
    }

    [Fact]
    public void Translate_CallerCancelled_OperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var e = RpcErrors.Translate(new RpcException(new Status(StatusCode.Cancelled, "")), cts.Token);

        Assert.IsType<OperationCanceledException>(e);
    }

    [Fact]
    public void Translate_ServerCancelled_CovidException()
    {
        var e = RpcErrors.Translate(new RpcException(new Status(StatusCode.Cancelled, "shutting down")), CancellationToken.None);

        Assert.Equal(StatusCode.Cancelled, Assert.IsType<CovidException>(e).StatusCode);
    }
}
