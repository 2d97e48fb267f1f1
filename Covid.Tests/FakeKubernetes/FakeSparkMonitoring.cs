using System.Collections.Concurrent;
using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// Spark drivers' monitoring REST API, served under <c>{fake.Url}/spark/{serviceName}/api/v1</c>:
/// <c>/applications</c>, <c>/applications/{id}/jobs[?status=]</c>, <c>/applications/{id}/stages[?status=]</c>.
/// So a test sets <c>Spark:MonitoringUrl</c> to <c>{fake.Url}/spark/{service}</c>. Unknown service
/// or a finished driver → 404 (a real driver's UI is gone once the pod ends).
/// </summary>
public sealed class FakeSparkMonitoring
{
    private readonly ConcurrentDictionary<string, SparkApplicationState> _apps = new();
    private readonly FakeObjectStore _store;

    internal FakeSparkMonitoring(FakeObjectStore store) => _store = store;

    /// <summary>Serves <paramref name="app"/> under <paramref name="serviceName"/> (drivers register under their pod name; Services selecting the pod resolve to it).</summary>
    public void Register(string serviceName, SparkApplicationState app) => _apps[serviceName] = app;

    /// <summary>The application served under this name, or null.</summary>
    public SparkApplicationState? Find(string serviceName)
    {
        if (_apps.TryGetValue(serviceName, out var direct))
        {
            return direct;
        }
        // Like the cluster DNS: a Service name leads to the pods its selector picks.
        foreach (var service in _store.List<V1Service>(null).Where(s => s.Metadata.Name == serviceName && s.Spec?.Selector is { Count: > 0 }))
        {
            var selector = string.Join(',', service.Spec.Selector.Select(kv => $"{kv.Key}={kv.Value}"));
            foreach (var pod in _store.List<V1Pod>(service.Metadata.NamespaceProperty, selector))
            {
                if (_apps.TryGetValue(pod.Metadata.Name, out var app))
                {
                    return app;
                }
            }
        }
        return null;
    }

    /// <summary>Stops serving under this name.</summary>
    public void Unregister(string serviceName) => _apps.TryRemove(serviceName, out _);

    internal async Task HandleAsync(HttpContext ctx, PathString rest)
    {
        var parts = (rest.Value ?? "").Trim('/').Split('/');
        ctx.Response.ContentType = "application/json";
        if (parts.Length < 3 || parts[1] != "api" || parts[2] != "v1" || Find(parts[0]) is not { } app || app.IsFinished)
        {
            ctx.Response.StatusCode = 404;
            await ctx.Response.WriteAsync("{\"message\":\"no such application\"}");
            return;
        }
        var tail = parts[3..];
        string? status = ctx.Request.Query["status"];
        string? json = tail switch
        {
            ["applications"] => $"[{app.ApplicationJson()}]",
            ["applications", var id] when id == app.Id => app.ApplicationJson(),
            ["applications", var id, "jobs"] when id == app.Id => app.JobsJson(status),
            ["applications", var id, "stages"] when id == app.Id => app.StagesJson(status),
            _ => null,
        };
        ctx.Response.StatusCode = json is null ? 404 : 200;
        await ctx.Response.WriteAsync(json ?? "{\"message\":\"unknown application or path\"}");
    }
}
