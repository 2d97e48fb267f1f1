using System.Text;
using Microsoft.AspNetCore.Http;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// Streams a watch as the API server does: one <c>{"type":…,"object":…}</c> JSON per line, flushed
/// per event, until the client leaves, <c>timeoutSeconds</c> passes, or the fake drops the watch.
/// A too-old resourceVersion is an ERROR event carrying a 410 Expired Status, then the stream ends.
/// </summary>
internal static class WatchStreamer
{
    public static async Task StreamAsync(HttpContext ctx, FakeObjectStore store, ApiRequest api)
    {
        var q = ctx.Request.Query;
        var selector = LabelSelector.Parse(q["labelSelector"]);
        var name = KubeApiHandler.FieldName(q["fieldSelector"]);
        var bookmarks = q["allowWatchBookmarks"] == "true";
        ctx.Response.ContentType = "application/json";
        WatchSubscription sub;
        try
        {
            sub = store.Watch(api.Kind, api.Namespace, name, q["resourceVersion"], bookmarks, isInternal: false);
        }
        catch (KubeApiException e) when (e.Code == 410)
        {
            await WriteLineAsync(ctx, $"{{\"type\":\"ERROR\",\"object\":{e.ToJson()}}}");
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted);
        if (int.TryParse(q["timeoutSeconds"], out var seconds) && seconds > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        }
        try
        {
            // Headers go out at once so the client's call returns before the first event.
            await ctx.Response.Body.FlushAsync(timeout.Token);
            await foreach (var e in sub.Events.ReadAllAsync(timeout.Token))
            {
                if (TypeFor(e, selector) is { } type)
                {
                    await WriteLineAsync(ctx, $"{{\"type\":\"{type}\",\"object\":{e.Json}}}", timeout.Token);
                }
            }
            if (sub.Aborted)
            {
                ctx.Abort();
            }
        }
        catch (OperationCanceledException)
        {
            // Client gone or timeoutSeconds reached: the watch just ends.
        }
        finally
        {
            store.Unwatch(sub);
        }
    }

    /// <summary>
    /// The event type as seen through a label selector: entering the selection is ADDED, leaving it
    /// DELETED, never matching means the watcher does not see it at all.
    /// </summary>
    private static string? TypeFor(StoreEvent e, LabelSelector selector)
    {
        if (e.Type == "BOOKMARK")
        {
            return e.Type;
        }
        var now = selector.Matches(e.Labels);
        var before = e.Type != "ADDED" && selector.Matches(e.OldLabels);
        return e.Type switch
        {
            "MODIFIED" when now && before => "MODIFIED",
            "MODIFIED" when now => "ADDED",
            "MODIFIED" when before => "DELETED",
            "ADDED" or "DELETED" when now => e.Type,
            _ => null,
        };
    }

    private static async Task WriteLineAsync(HttpContext ctx, string line, CancellationToken ct = default)
    {
        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), ct);
        await ctx.Response.Body.FlushAsync(ct);
    }
}
