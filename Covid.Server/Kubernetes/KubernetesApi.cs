using System.Net;
using Covid.SparkJob.Errors;
using k8s.Autorest;
using Microsoft.Extensions.Options;

namespace Covid.Server.Kubernetes;

/// <summary>
/// Every Kubernetes call the launcher makes goes through here: 5xx, 429, dropped connections and
/// timeouts are retried with doubling delays a bounded number of times; 403 becomes
/// FAILED_PRECONDITION naming the verb and resource the server's RBAC role lacks.
/// </summary>
public sealed class KubernetesApi(IOptions<KubernetesOptions> options, ILogger<KubernetesApi> logger)
{
    public async Task<T> CallAsync<T>(string verb, string resource, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var attempts = Math.Max(1, options.Value.ApiAttempts);
        var delay = options.Value.ApiRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Forbidden)
            {
                throw Forbidden(verb, resource, ex);
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken) && attempt < attempts)
            {
                logger.LogWarning("Kubernetes {Verb} {Resource} failed (attempt {Attempt} of {Attempts}): {Message}; retrying in {Delay}",
                    verb, resource, attempt, attempts, Describe(ex), delay);
                await Task.Delay(delay, cancellationToken);
                delay *= 2;
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                throw new KubernetesCallException($"Kubernetes {verb} {resource} failed after {attempts} attempts: {Describe(ex)}", ex);
            }
        }
    }

    public Task CallAsync(string verb, string resource, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        CallAsync(verb, resource, async ct =>
        {
            await call(ct);
            return true;
        }, cancellationToken);

    public static bool IsStatus(Exception ex, HttpStatusCode code) =>
        ex is HttpOperationException http && http.Response?.StatusCode == code
        || ex is KubernetesCallException { InnerException: { } inner } && IsStatus(inner, code);

    public static bool IsTransient(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        HttpOperationException http => (int)http.Response.StatusCode >= 500 || http.Response.StatusCode == HttpStatusCode.TooManyRequests,
        HttpRequestException or IOException => true,
        // HttpClient's own timeout, not the caller giving up.
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The API server's own message (a Status object) when it sent one.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        ServiceException service => service.Message,
        HttpOperationException http => $"{(int)http.Response.StatusCode} {http.Response.StatusCode}: {StatusMessage(http)}",
        _ => ex.Message,
    };

    private static ServiceException Forbidden(string verb, string resource, HttpOperationException ex) =>
        ServiceException.FailedPrecondition(
            $"Kubernetes refused to {verb} {resource} (403 Forbidden): {StatusMessage(ex)}. " +
            $"The server's service account needs RBAC verb \"{verb}\" on \"{resource}\" in its Role.");

    private static string StatusMessage(HttpOperationException ex)
    {
        var content = ex.Response?.Content;
        if (string.IsNullOrWhiteSpace(content))
        {
            return ex.Message;
        }
        try
        {
            var status = k8s.KubernetesJson.Deserialize<k8s.Models.V1Status>(content);
            return string.IsNullOrEmpty(status?.Message) ? content : status.Message;
        }
        catch (System.Text.Json.JsonException)
        {
            return content;
        }
    }
}
