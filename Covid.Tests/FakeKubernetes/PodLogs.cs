using System.Collections.Concurrent;
using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>Per-pod container logs the simulation writes and <c>GET pods/{name}/log</c> reads.</summary>
internal sealed class PodLogs
{
    private readonly ConcurrentDictionary<string, string> _logs = new();

    public void Set(string ns, string pod, string text) => _logs[$"{ns}/{pod}"] = text;

    public void Append(string ns, string pod, string text) => _logs.AddOrUpdate($"{ns}/{pod}", text, (_, old) => old + text);

    public string Get(string ns, string pod) => _logs.TryGetValue($"{ns}/{pod}", out var t) ? t : "";

    /// <summary>The log as the API answers it: 404 without the pod, 400 while its container waits to start.</summary>
    public string Read(FakeObjectStore store, string ns, string pod, string? container, string? tailLines)
    {
        var p = store.Get<V1Pod>(ns, pod) ?? throw KubeApiException.NotFound("pods", pod);
        var name = string.IsNullOrEmpty(container) ? p.Spec?.Containers?.FirstOrDefault()?.Name ?? "" : container;
        if (p.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == name) is { State.Waiting: { } waiting } && !_logs.ContainsKey($"{ns}/{pod}"))
        {
            throw KubeApiException.BadRequest($"container \"{name}\" in pod \"{pod}\" is waiting to start: {waiting.Reason}");
        }
        var text = Get(ns, pod);
        if (int.TryParse(tailLines, out var n) && n >= 0)
        {
            var lines = text.EndsWith('\n') ? text[..^1].Split('\n') : text.Split('\n');
            text = text.Length == 0 || n == 0 ? "" : string.Join('\n', lines.TakeLast(n)) + (text.EndsWith('\n') ? "\n" : "");
        }
        return text;
    }
}
