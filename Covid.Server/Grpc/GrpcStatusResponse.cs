using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Covid.Server.Grpc;

/// <summary>
/// Answers a request with a gRPC status before any service runs (a "trailers-only" response), so
/// middleware refusals reach gRPC clients as a status and a message, not as an HTTP code they
/// cannot read.
/// </summary>
public static class GrpcStatusResponse
{
    public static Task WriteAsync(HttpResponse response, StatusCode code, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return response.CompleteAsync();
    }
}
