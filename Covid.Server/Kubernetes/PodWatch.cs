using System.Net;
using System.Threading.Channels;
using Covid.SparkJob.Errors;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Covid.Server.Kubernetes;

/// <summary>
/// The current pods of one Spark application (driver and executors), kept by list-then-watch:
/// a dropped or closed watch resumes from the last resourceVersion seen; 410 Gone (the version is
/// too old to resume from) lists again. Every change is signalled on <see cref="Changes"/>.
/// </summary>
public sealed class PodWatch(IKubernetes client, KubernetesApi api, string ns, string labelSelector, ILogger logger)
{
    /// <summary>Consecutive failed watch attempts, without a single event between them, before giving up.</summary>
    public const int MaxConsecutiveFailures = 6;

    private readonly Lock gate = new();
    private readonly Dictionary<string, V1Pod> pods = [];
    private readonly Channel<bool> changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly TaskCompletionSource listed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChannelReader<bool> Changes => changes.Reader;

    /// <summary>Completes once the pods were listed the first time; until then <see cref="Snapshot"/> knows nothing.</summary>
    public Task Listed => listed.Task;

    /// <summary>Times the pods were listed (1 + one per 410 Gone).</summary>
    public int Lists { get; private set; }

    public IReadOnlyList<V1Pod> Snapshot()
    {
        lock (gate)
        {
            return [.. pods.Values];
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var version = await ListAsync(cancellationToken);
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var gone = false;
            var events = 0;
            Exception? error = null;
            try
            {
                await foreach (var (type, pod) in client.CoreV1.WatchListNamespacedPodAsync(ns, labelSelector: labelSelector,
                    resourceVersion: version, allowWatchBookmarks: true, timeoutSeconds: 300,
                    onError: e => gone |= IsGone(e), cancellationToken: cancellationToken))
                {
                    events++;
                    version = pod.Metadata?.ResourceVersion ?? version;
                    if (type != WatchEventType.Bookmark)
                    {
                        Apply(type, pod);
                    }
                }
            }
            catch (Exception ex) when (IsGone(ex))
            {
                gone = true;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not ServiceException)
            {
                // A connection cut mid-stream surfaces as whatever the reader tripped on (IOException,
                // HttpRequestException, even ArgumentOutOfRange from a torn chunk): all are a dropped
                // watch, resumed from the last version and bounded by MaxConsecutiveFailures.
                error = ex;
            }
            if (gone)
            {
                logger.LogInformation("Watch of {Selector} expired at resourceVersion {Version} (410 Gone); listing again", labelSelector, version);
                version = await ListAsync(cancellationToken);
                failures = 0;
                continue;
            }
            failures = events > 0 ? 0 : failures + 1;
            if (failures >= MaxConsecutiveFailures)
            {
                throw new KubernetesCallException(
                    $"watching pods {labelSelector} failed {failures} times in a row: {(error is null ? "the API server closed every watch at once" : KubernetesApi.Describe(error))}",
                    error ?? new IOException("watch closed"));
            }
            if (error is not null)
            {
                logger.LogInformation("Watch of {Selector} dropped ({Message}); resuming from resourceVersion {Version}",
                    labelSelector, KubernetesApi.Describe(error), version);
            }
            // Backs off only when watches end without events, so a server closing them at once is not hammered.
            await Task.Delay(TimeSpan.FromMilliseconds(100 * failures), cancellationToken);
        }
    }

    /// <summary>Lists the pods again now, replacing what the watch has; the watch itself goes on.</summary>
    public Task ResyncAsync(CancellationToken cancellationToken) => ListAsync(cancellationToken);

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var list = await api.CallAsync("list", "pods",
            ct => client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: labelSelector, cancellationToken: ct), cancellationToken);
        lock (gate)
        {
            // Pods missing from a fresh list were deleted while no watch was open.
            pods.Clear();
            foreach (var pod in list.Items)
            {
                pods[pod.Metadata.Name] = pod;
            }
            Lists++;
        }
        listed.TrySetResult();
        changes.Writer.TryWrite(true);
        return list.Metadata.ResourceVersion;
    }

    private void Apply(WatchEventType type, V1Pod pod)
    {
        lock (gate)
        {
            if (type == WatchEventType.Deleted)
            {
                pods.Remove(pod.Metadata.Name);
            }
            else
            {
                pods[pod.Metadata.Name] = pod;
            }
        }
        changes.Writer.TryWrite(true);
    }

    private static bool IsGone(Exception ex) =>
        ex is KubernetesException { Status.Code: 410 } || ex is HttpOperationException { Response.StatusCode: HttpStatusCode.Gone };
}
