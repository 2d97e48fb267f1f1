namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// One request the fake received, as the client sent it, plus how the fake classified it.
/// </summary>
/// <param name="Method">HTTP method (GET, POST, PUT, DELETE, …).</param>
/// <param name="Path">URL path, e.g. <c>/api/v1/namespaces/ns/pods/x</c>.</param>
/// <param name="Query">Raw query string without '?', empty when none.</param>
/// <param name="Body">Request body text, null when empty.</param>
/// <param name="Verb">Kubernetes verb: create, get, list, watch, update, patch, delete, or "other".</param>
/// <param name="Resource">Resource with subresource: pods, pods/log, pods/status, configmaps, services, or "" (e.g. the Spark UI).</param>
/// <param name="Namespace">Namespace from the path, or null.</param>
/// <param name="Name">Object name from the path (or the created object's name), or null.</param>
/// <param name="User">The caller: a bearer token's user, the simulated driver's service account, or null.</param>
/// <param name="FromDriver">True when a simulated Spark driver made the call (its executor management).</param>
/// <param name="StatusCode">The HTTP status the fake answered.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    string? Body,
    string Verb,
    string Resource,
    string? Namespace,
    string? Name,
    string? User,
    bool FromDriver,
    int StatusCode)
{
    /// <summary>When the fake had answered it (for the launcher's cost in bench/: submit → driver pod created).</summary>
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The value of one query parameter (URL-decoded), or null.</summary>
    public string? QueryValue(string key) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query).TryGetValue(key, out var v) ? v.ToString() : null;
}
