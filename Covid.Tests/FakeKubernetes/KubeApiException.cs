using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// An API error the fake answers as a Kubernetes <c>Status</c> object with the same reason, code and
/// message wording as a real API server, so the client raises the same <c>HttpOperationException</c>.
/// </summary>
public sealed class KubeApiException : Exception
{
    /// <summary>Creates an error with the HTTP code, the Status reason and the message.</summary>
    public KubeApiException(int code, string reason, string message)
        : base(message)
    {
        Code = code;
        Reason = reason;
    }

    /// <summary>HTTP status code (404, 409, 403, 410, 500, …).</summary>
    public int Code { get; }

    /// <summary>Status reason (NotFound, AlreadyExists, Forbidden, Conflict, Expired, …).</summary>
    public string Reason { get; }

    /// <summary>The <c>Status</c> object a real API server sends for this error.</summary>
    public V1Status ToStatus() => new()
    {
        ApiVersion = "v1",
        Kind = "Status",
        Status = "Failure",
        Reason = Reason,
        Code = Code,
        Message = Message,
        Metadata = new V1ListMeta(),
    };

    /// <summary>The Status as JSON (written by hand: the client's V1Status converter only reads).</summary>
    public string ToJson() => StatusJson("Failure", Code, Reason, Message, null);

    /// <summary>A <c>Status</c> object's JSON as the API server writes it.</summary>
    internal static string StatusJson(string status, int code, string? reason, string? message, object? details) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new Dictionary<string, object>(),
            ["status"] = status,
            ["message"] = message,
            ["reason"] = reason,
            ["details"] = details,
            ["code"] = code,
        }.Where(kv => kv.Value is not null).ToDictionary());

    internal static KubeApiException NotFound(string plural, string name) =>
        new(404, "NotFound", $"{plural} \"{name}\" not found");

    internal static KubeApiException AlreadyExists(string plural, string name) =>
        new(409, "AlreadyExists", $"{plural} \"{name}\" already exists");

    internal static KubeApiException Conflict(string plural, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {plural} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");

    internal static KubeApiException BadRequest(string message) => new(400, "BadRequest", message);

    internal static KubeApiException Expired() => new(410, "Expired", "too old resource version");

    /// <summary>The exact wording of an RBAC denial (the subresource, e.g. "pods/log", is named in full).</summary>
    internal static KubeApiException Forbidden(string user, string verb, string resource, string ns, string? name)
    {
        var plural = resource.Split('/')[0];
        var subject = name is null ? plural : $"{plural} \"{name}\"";
        return new(403, "Forbidden",
            $"{subject} is forbidden: User \"{user}\" cannot {verb} resource \"{resource}\" in API group \"\" in the namespace \"{ns}\"");
    }

    internal static KubeApiException ForCode(int code, string user, string verb, string resource, string ns, string? name) => code switch
    {
        // Authorization of a create happens before the object has a name, so the message has none.
        403 => Forbidden(user, verb, resource, ns, verb is "create" or "list" or "watch" ? null : name),
        404 => NotFound(resource.Split('/')[0], name ?? ""),
        409 when verb == "create" => AlreadyExists(resource.Split('/')[0], name ?? ""),
        409 => Conflict(resource.Split('/')[0], name ?? ""),
        410 => Expired(),
        429 => new(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later"),
        500 => new(500, "InternalError", "Internal error occurred: injected fault"),
        503 => new(503, "ServiceUnavailable", "the server is currently unable to handle the request"),
        504 => new(504, "Timeout", "the server was unable to return a response in the time allotted, but may still be processing the request"),
        _ => new(code, "Unknown", $"injected fault {code}"),
    };
}
