using Microsoft.AspNetCore.Http;

namespace Covid.Tests.FakeKubernetes;

/// <summary>A request to <c>/api/v1/...</c> decoded into Kubernetes terms.</summary>
internal sealed record ApiRequest(string Verb, ResourceKind Kind, string? Subresource, string? Namespace, string? Name)
{
    /// <summary>Resource as RBAC names it: "pods", "pods/log", "pods/status".</summary>
    public string Resource => Subresource is null ? Kind.Plural : $"{Kind.Plural}/{Subresource}";

    /// <summary>Decodes the path; null when it is not a core/v1 resource URL the fake serves.</summary>
    public static ApiRequest? Parse(HttpRequest request)
    {
        var parts = request.Path.Value!.Trim('/').Split('/');
        if (parts.Length < 3 || parts[0] != "api" || parts[1] != "v1")
        {
            return null;
        }
        string? ns = null;
        var i = 2;
        if (parts[2] == "namespaces" && parts.Length >= 5)
        {
            ns = Uri.UnescapeDataString(parts[3]);
            i = 4;
        }
        if (ResourceKind.Find(parts[i]) is not { } kind || parts.Length > i + 3)
        {
            return null;
        }
        var name = parts.Length > i + 1 ? Uri.UnescapeDataString(parts[i + 1]) : null;
        var sub = parts.Length > i + 2 ? parts[i + 2] : null;
        if (sub is not (null or "log" or "status") || (sub == "log" && kind != ResourceKind.Pods) || (ns is null && name is not null))
        {
            return null;
        }
        var watch = request.Query["watch"] is var w && (w == "true" || w == "1");
        var verb = request.Method switch
        {
            "POST" when name is null => "create",
            "GET" when name is null => watch ? "watch" : "list",
            "GET" => "get",
            "PUT" when name is not null => "update",
            "PATCH" when name is not null => "patch",
            "DELETE" when name is null => "deletecollection",
            "DELETE" => "delete",
            _ => "other",
        };
        return new ApiRequest(verb, kind, sub, ns, name);
    }
}
