using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Covid.Server.Grpc;

/// <summary>
/// Answers a request with a status before any service runs. A gRPC client gets a "trailers-only"
/// response, so middleware refusals reach it as a status and a message, not as an HTTP code it
/// cannot read; a REST client gets the HTTP status and the google.rpc.Status JSON body that JSON
/// transcoding gives the services' own failures.
/// </summary>
public static class GrpcStatusResponse
{
    public static Task WriteAsync(HttpResponse response, StatusCode code, string message)
    {
        if (!IsGrpc(response.HttpContext.Request))
        {
            response.StatusCode = StatusMapping.HttpStatus(code);
            response.ContentType = "application/json; charset=utf-8";
            return WriteStatusJsonAsync(response, code, message);
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return response.CompleteAsync();
    }

    private static async Task WriteStatusJsonAsync(HttpResponse response, StatusCode code, string message)
    {
        await using (var json = new Utf8JsonWriter(response.Body, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("code", (int)code);
            json.WriteString("message", message);
            json.WriteStartArray("details");
            json.WriteEndArray();
            json.WriteEndObject();
        }
        await response.CompleteAsync();
    }

    /// <summary>A gRPC call (also gRPC-Web), as opposed to a REST call JSON transcoding serves.</summary>
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
