using System.Text;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// Serves <c>/api/v1</c>: journals the request, applies programmed faults, then dispatches to the
/// store. Errors are answered as Status JSON exactly as the real API server shapes them.
/// </summary>
internal sealed class KubeApiHandler(FakeObjectStore store, FaultRules faults, RequestJournal journal, PodLogs logs, FakeKubeOptions options)
{
    /// <summary>Bearer-token prefix of the clients the driver simulation uses: "fake-driver/{ns}/{serviceAccount}".</summary>
    public const string DriverTokenPrefix = "fake-driver/";

    public async Task HandleAsync(HttpContext ctx)
    {
        var body = await ReadBodyAsync(ctx.Request);
        var api = ApiRequest.Parse(ctx.Request);
        var (user, fromDriver) = Caller(ctx.Request, api?.Namespace);
        var name = api?.Name ?? (api?.Verb == "create" ? NameInBody(api.Kind, body) : null);
        try
        {
            if (api is null || api.Verb == "other")
            {
                throw new KubeApiException(404, "NotFound", "the server could not find the requested resource");
            }
            if (faults.Match(api.Verb, api.Resource, api.Namespace, name, fromDriver) is { } fault)
            {
                await Task.Delay(fault.Delay, ctx.RequestAborted);
                if (fault.Status != 0)
                {
                    throw KubeApiException.ForCode(fault.Status, fromDriver ? user! : ServerUser(api.Namespace), api.Verb, api.Resource, api.Namespace ?? "", name);
                }
            }
            ctx.Response.StatusCode = 200;
            if (api.Verb == "watch")
            {
                // Journal before streaming: a watch may stay open for the whole test.
                journal.Add(Record(ctx, body, api, name, user, fromDriver, 200));
                await WatchStreamer.StreamAsync(ctx, store, api);
                return;
            }
            await DispatchAsync(ctx, api, body);
        }
        catch (KubeApiException e)
        {
            ctx.Response.StatusCode = e.Code;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(e.ToJson());
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (!ctx.Response.HasStarted)
        {
            // A bug in the fake must be visible to the test, not a bare 500.
            ctx.Response.StatusCode = 500;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(new KubeApiException(500, "InternalError", $"fake API server failure: {e}").ToJson());
        }
        if (api?.Verb != "watch" || ctx.Response.StatusCode != 200)
        {
            journal.Add(Record(ctx, body, api, name, user, fromDriver, ctx.Response.StatusCode));
        }
    }

    private async Task DispatchAsync(HttpContext ctx, ApiRequest api, string? body)
    {
        var ns = api.Namespace ?? throw KubeApiException.BadRequest("a namespace is required");
        var q = ctx.Request.Query;
        switch (api.Verb, api.Subresource)
        {
            case ("create", null):
                ctx.Response.StatusCode = 201;
                await WriteJsonAsync(ctx, store.Create(api.Kind, ns, Parse(api.Kind, body)));
                break;
            case ("list", null):
                var (items, rv) = store.List(api.Kind, ns, LabelSelector.Parse(q["labelSelector"]), FieldName(q["fieldSelector"]));
                await WriteListAsync(ctx, api.Kind, items, rv);
                break;
            case ("get", null or "status"):
                await WriteJsonAsync(ctx, store.Get(api.Kind, ns, api.Name!));
                break;
            case ("get", "log"):
                ctx.Response.ContentType = "text/plain";
                await ctx.Response.WriteAsync(logs.Read(store, ns, api.Name!, q["container"], q["tailLines"]));
                break;
            case ("update", "status") when api.Kind == ResourceKind.Pods:
                var pod = (V1Pod)Parse(api.Kind, body);
                await WriteJsonAsync(ctx, store.ReplacePodStatus(ns, api.Name!, pod));
                break;
            case ("delete", null):
                var options = string.IsNullOrWhiteSpace(body) ? new V1DeleteOptions() : KubernetesJson.Deserialize<V1DeleteOptions>(body);
                var policy = options.PropagationPolicy ?? NullIfEmpty(q["propagationPolicy"]);
                var grace = options.GracePeriodSeconds ?? (long.TryParse(q["gracePeriodSeconds"], out var g) ? g : null);
                var deleted = store.Delete(api.Kind, ns, api.Name!, policy, grace);
                ctx.Response.StatusCode = deleted.Metadata.DeletionTimestamp is null ? 200 : 202;
                if (api.Kind == ResourceKind.ConfigMaps)
                {
                    // ConfigMaps answer a Status; pods and services answer the object.
                    ctx.Response.ContentType = "application/json";
                    await ctx.Response.WriteAsync(KubeApiException.StatusJson("Success", ctx.Response.StatusCode, null, null,
                        new Dictionary<string, string> { ["name"] = api.Name!, ["kind"] = api.Kind.Plural, ["uid"] = deleted.Metadata.Uid }));
                }
                else
                {
                    await WriteJsonAsync(ctx, deleted);
                }
                break;
            case ("deletecollection", null):
                // Spark's driver cleans up its executors and their ConfigMap this way, by label.
                var (victims, _) = store.List(api.Kind, ns, LabelSelector.Parse(q["labelSelector"]), FieldName(q["fieldSelector"]));
                foreach (var victim in victims)
                {
                    try
                    {
                        store.Delete(api.Kind, ns, victim.Metadata.Name, NullIfEmpty(q["propagationPolicy"]), null);
                    }
                    catch (KubeApiException e) when (e.Code == 404)
                    {
                    }
                }
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync(KubeApiException.StatusJson("Success", 200, null, null, null));
                break;
            default:
                throw new KubeApiException(405, "MethodNotAllowed", $"the fake does not implement {api.Verb} on {api.Resource}");
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>Only <c>metadata.name=</c> field selectors are needed (watching one pod); others are a 400.</summary>
    internal static string? FieldName(string? fieldSelector)
    {
        if (string.IsNullOrEmpty(fieldSelector))
        {
            return null;
        }
        const string prefix = "metadata.name=";
        return fieldSelector.StartsWith(prefix, StringComparison.Ordinal) && !fieldSelector.Contains(',')
            ? fieldSelector[prefix.Length..]
            : throw KubeApiException.BadRequest($"the fake supports only metadata.name field selectors, not \"{fieldSelector}\"");
    }

    private static IKubernetesObject<V1ObjectMeta> Parse(ResourceKind kind, string? body)
    {
        try
        {
            return kind.Parse(body ?? throw KubeApiException.BadRequest("a request body is required"));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw KubeApiException.BadRequest($"the body of the request was in an unknown format: {e.Message}");
        }
    }

    private static string? NameInBody(ResourceKind kind, string? body)
    {
        try
        {
            return body is null ? null : kind.Parse(body).Metadata?.Name;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static async Task WriteJsonAsync(HttpContext ctx, object value)
    {
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(KubernetesJson.Serialize(value));
    }

    private static async Task WriteListAsync(HttpContext ctx, ResourceKind kind, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> items, string rv)
    {
        ctx.Response.ContentType = "application/json";
        var json = new StringBuilder();
        json.Append($"{{\"apiVersion\":\"v1\",\"kind\":\"{kind.ListKind}\",\"metadata\":{{\"resourceVersion\":\"{rv}\"}},\"items\":[");
        json.AppendJoin(',', items.Select(i => KubernetesJson.Serialize(i)));
        json.Append("]}");
        await ctx.Response.WriteAsync(json.ToString());
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        return text.Length == 0 ? null : text;
    }

    private (string? User, bool FromDriver) Caller(HttpRequest request, string? ns)
    {
        var auth = request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return (null, false);
        }
        var token = auth["Bearer ".Length..];
        if (token.StartsWith(DriverTokenPrefix, StringComparison.Ordinal))
        {
            var parts = token[DriverTokenPrefix.Length..].Split('/');
            return ($"system:serviceaccount:{parts[0]}:{parts[1]}", true);
        }
        return (token, false);
    }

    private string ServerUser(string? ns) => options.ServerUser.Replace("{namespace}", ns ?? "", StringComparison.Ordinal);

    private static RecordedRequest Record(HttpContext ctx, string? body, ApiRequest? api, string? name, string? user, bool fromDriver, int status) => new(
        ctx.Request.Method,
        ctx.Request.Path.Value ?? "",
        ctx.Request.QueryString.HasValue ? ctx.Request.QueryString.Value![1..] : "",
        body,
        api?.Verb ?? "other",
        api?.Resource ?? "",
        api?.Namespace,
        name,
        user,
        fromDriver,
        status);
}
