using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// Plays the kubelet for every pod created in the fake: Pending (ContainerCreating) → Running (podIP,
/// running container) → the end chosen by <see cref="Policy"/>; pods labelled <c>spark-role=driver</c>
/// whose script is <see cref="PodOutcome.Succeed"/> run <see cref="DriverBehaviour"/> instead and
/// end with its exit code. Deleting a pod cancels its program. All status changes are
/// <c>pods/status</c> updates, so watches see MODIFIED events.
/// </summary>
public sealed partial class FakeKubelet
{
    private readonly FakeKubeApiServer _fake;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();
    private readonly ConcurrentBag<Task> _tasks = [];
    private readonly ConcurrentQueue<Exception> _errors = new();
    private Task _loop = Task.CompletedTask;
    private int _nextIp;

    internal FakeKubelet(FakeKubeApiServer fake, FakeKubeOptions options)
    {
        _fake = fake;
        StepDelay = options.KubeletStepDelay;
    }

    /// <summary>False = pods stay as created (plain API tests). Read when a pod is created.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Delay between status steps.</summary>
    public TimeSpan StepDelay { get; set; }

    /// <summary>
    /// Chooses each pod's fate. Default: executors (<c>spark-role=executor</c>) run until deleted,
    /// every other pod succeeds at once.
    /// </summary>
    public Func<V1Pod, PodScript> Policy { get; set; } = DefaultPolicy;

    /// <summary>
    /// The Spark driver's program, run while a driver pod is Running; returns the container's exit
    /// code. Null = drivers behave like any pod. See <see cref="SparkDriverBehaviours"/>.
    /// </summary>
    public Func<DriverContext, Task<int>>? DriverBehaviour { get; set; }

    /// <summary>Exceptions thrown by driver behaviours (the pod failed with exit 1 and the error in its log).</summary>
    public IReadOnlyList<Exception> Errors => [.. _errors];

    /// <summary>The default <see cref="Policy"/>.</summary>
    public static PodScript DefaultPolicy(V1Pod pod) =>
        pod.Metadata.Labels?.TryGetValue("spark-role", out var role) == true && role == "executor"
            ? PodScript.RunUntilDeleted()
            : PodScript.Succeed();

    internal void Start(CancellationToken stopping)
    {
        var sub = _fake.Store.Watch(ResourceKind.Pods, null, null, _fake.Store.ResourceVersion, bookmarks: false, isInternal: true);
        _loop = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in sub.Events.ReadAllAsync(stopping))
                {
                    OnEvent(e, stopping);
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                _fake.Store.Unwatch(sub);
            }
        }, CancellationToken.None);
    }

    internal async Task StopAsync()
    {
        // Whoever takes a pod's token source out of _running owns it: a pod task finishing at the
        // same moment disposes only the sources it removed itself, so none is cancelled after disposal.
        foreach (var uid in _running.Keys)
        {
            if (_running.TryRemove(uid, out var cts))
            {
                await cts.CancelAsync();
            }
        }
        await _loop;
        await Task.WhenAll(_tasks.ToArray());
    }

    private void OnEvent(StoreEvent e, CancellationToken stopping)
    {
        var pod = KubernetesJson.Deserialize<V1Pod>(e.Json);
        var uid = pod.Metadata.Uid;
        if (e.Type == "ADDED" && Enabled)
        {
            var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            _running[uid] = cts;
            _tasks.Add(Task.Run(() => RunPodAsync(pod, cts.Token), CancellationToken.None));
        }
        else if ((e.Type == "DELETED" || pod.Metadata.DeletionTimestamp is not null) && _running.TryRemove(uid, out var cts))
        {
            // The kubelet kills the containers of a terminating pod.
            cts.Cancel();
        }
    }

    private async Task RunPodAsync(V1Pod pod, CancellationToken ct)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var name = pod.Metadata.Name;
        try
        {
            var script = Policy(pod);
            await Task.Delay(StepDelay, ct);
            Update(ns, name, p => PodStatuses.Scheduled(p));
            await Task.Delay(StepDelay, ct);
            await WaitForConfigMapsAsync(pod, ct);
            if (script.Outcome == PodOutcome.ImagePullBackOff)
            {
                Update(ns, name, p => PodStatuses.Waiting(p, "ErrImagePull", $"rpc error: code = NotFound desc = failed to pull and unpack image \"{p.Spec.Containers[0].Image}\": not found"));
                await Task.Delay(StepDelay, ct);
                Update(ns, name, p => PodStatuses.Waiting(p, "ImagePullBackOff", $"Back-off pulling image \"{p.Spec.Containers[0].Image}\""));
                return;
            }
            var ip = $"10.244.0.{(Interlocked.Increment(ref _nextIp) % 250) + 2}";
            Update(ns, name, p => PodStatuses.Running(p, ip));
            if (script.Log is not null)
            {
                _fake.AppendPodLog(ns, name, script.Log);
            }
            var running = _fake.Store.Get<V1Pod>(ns, name) ?? throw KubeApiException.NotFound("pods", name);
            var exit = await RunProgramAsync(running, script, ct);
            Update(ns, name, p => PodStatuses.Terminated(p, script.Outcome, exit));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            TryUpdate(ns, name, p => PodStatuses.Killed(p));
        }
        catch (KubeApiException e) when (e.Code == 404)
        {
            // The pod was removed under us: nothing left to report.
        }
        finally
        {
            if (_running.TryRemove(pod.Metadata.Uid, out var cts))
            {
                cts.Dispose();
            }
        }
    }

    /// <summary>Like the kubelet, a pod stays ContainerCreating until the ConfigMaps it mounts exist.</summary>
    private async Task WaitForConfigMapsAsync(V1Pod pod, CancellationToken ct)
    {
        var needed = (pod.Spec.Volumes ?? []).Where(v => v.ConfigMap is { Optional: not true }).Select(v => v.ConfigMap.Name).ToList();
        while (needed.Any(n => _fake.Store.Get<V1ConfigMap>(pod.Metadata.NamespaceProperty, n) is null))
        {
            await Task.Delay(StepDelay, ct);
        }
    }

    private void Update(string ns, string name, Action<V1Pod> change) => _fake.Store.UpdatePodStatus(ns, name, change);

    private void TryUpdate(string ns, string name, Action<V1Pod> change)
    {
        try
        {
            Update(ns, name, change);
        }
        catch (KubeApiException)
        {
        }
    }
}
