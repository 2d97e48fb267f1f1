using Covid.Tests.Support.Kubernetes;
using k8s;
using k8s.Models;
using static Covid.Tests.Support.Kubernetes.FakeObjects;

namespace Covid.Tests.FakeKubernetes.Tests;

public sealed class KubeletTests() : FakeClusterTest(new() { Fake = new FakeKubeOptions { KubeletStepDelay = TimeSpan.FromMilliseconds(20) } })
{
    [Fact]
    public async Task CreatePod_DefaultPolicy_PendingContainerCreatingRunningSucceeded()
    {
        var pods = await RunAsync("ok", PodScript.Succeed(TimeSpan.FromMilliseconds(50)), "Succeeded");
        Assert.Equal("ContainerCreating", pods.First(p => p.Status.ContainerStatuses?[0].State.Waiting is not null).Status.ContainerStatuses[0].State.Waiting.Reason);
        var running = pods.First(p => p.Status.Phase == "Running");
        Assert.NotNull(running.Status.PodIP);
        Assert.NotNull(running.Status.ContainerStatuses[0].State.Running);
        var end = pods[^1].Status.ContainerStatuses[0].State.Terminated;
        Assert.Equal((0, "Completed"), (end.ExitCode, end.Reason));
        Assert.Equal(["Pending", "Pending", "Running", "Succeeded"], pods.Select(p => p.Status.Phase));
    }

    [Fact]
    public async Task CreatePod_FailScript_FailedWithErrorAndExitCode()
    {
        var end = (await RunAsync("bad", PodScript.Fail(3), "Failed"))[^1];
        var terminated = end.Status.ContainerStatuses[0].State.Terminated;
        Assert.Equal((3, "Error"), (terminated.ExitCode, terminated.Reason));
    }

    [Fact]
    public async Task CreatePod_OomKilled_FailedReasonOomKilled137()
    {
        var terminated = (await RunAsync("oom", PodScript.OomKilled(), "Failed"))[^1].Status.ContainerStatuses[0].State.Terminated;
        Assert.Equal((137, "OOMKilled"), (terminated.ExitCode, terminated.Reason));
    }

    [Fact]
    public async Task CreatePod_Evicted_FailedWithPodReasonEvicted()
    {
        var end = (await RunAsync("ev", PodScript.Evicted(), "Failed"))[^1];
        Assert.Equal("Evicted", end.Status.Reason);
        Assert.Contains("low on resource", end.Status.Message);
    }

    [Fact]
    public async Task CreatePod_ImagePullBackOff_StaysPendingWaiting()
    {
        Fake.Kubelet.Policy = _ => PodScript.ImagePullBackOff();
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("img"), Ns);
        await Eventually(async () => (await Client.CoreV1.ReadNamespacedPodAsync("img", Ns)).Status.ContainerStatuses?[0].State.Waiting?.Reason == "ImagePullBackOff");
        await Task.Delay(Fake.Kubelet.StepDelay * 4);
        var pod = await Client.CoreV1.ReadNamespacedPodAsync("img", Ns);
        Assert.Equal("Pending", pod.Status.Phase);
        Assert.Contains("apache/spark:3.5.3", pod.Status.ContainerStatuses[0].State.Waiting.Message);
    }

    [Fact]
    public async Task ReadPodLog_TailLines_LastLinesAsPlainText()
    {
        Fake.Kubelet.Policy = _ => PodScript.Succeed(log: "one\ntwo\nthree\n");
        await RunAsync("logs", null, "Succeeded");
        using var stream = await Client.CoreV1.ReadNamespacedPodLogAsync("logs", Ns, tailLines: 2);
        Assert.Equal("two\nthree\n", await new StreamReader(stream).ReadToEndAsync());
        var call = Assert.Single(Fake.Journal.Calls("get", "pods/log"));
        Assert.Equal("2", call.QueryValue("tailLines"));
        await FailsWith(404, "NotFound", () => Client.CoreV1.ReadNamespacedPodLogAsync("nope", Ns));
    }

    [Fact]
    public async Task ReadPodLog_ContainerCreating_400WaitingToStart()
    {
        Fake.Kubelet.Policy = _ => PodScript.ImagePullBackOff();
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("w"), Ns);
        await Eventually(async () => (await Client.CoreV1.ReadNamespacedPodAsync("w", Ns)).Status.ContainerStatuses is not null);
        var status = await FailsWith(400, "BadRequest", () => Client.CoreV1.ReadNamespacedPodLogAsync("w", Ns));
        Assert.StartsWith("container \"main\" in pod \"w\" is waiting to start:", status.Message);
    }

    [Fact]
    public async Task DeletePod_WhileRunning_ProgramCancelledAndPodGone()
    {
        Fake.Kubelet.Policy = _ => PodScript.RunUntilDeleted();
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("forever"), Ns);
        await Eventually(async () => (await Client.CoreV1.ReadNamespacedPodAsync("forever", Ns)).Status.Phase == "Running");
        await Client.CoreV1.DeleteNamespacedPodAsync("forever", Ns);
        await Eventually(() => Task.FromResult(Fake.Store.Get<V1Pod>(Ns, "forever") is null));
    }

    /// <summary>Creates a pod and returns every state a watch saw until the pod reached <paramref name="finalPhase"/>.</summary>
    private async Task<List<V1Pod>> RunAsync(string name, PodScript? script, string finalPhase)
    {
        if (script is not null)
        {
            Fake.Kubelet.Policy = _ => script;
        }
        using var cts = Bounded();
        var rv = Fake.Store.ResourceVersion;
        await Client.CoreV1.CreateNamespacedPodAsync(Pod(name), Ns, cancellationToken: cts.Token);
        var seen = new List<V1Pod>();
        await foreach (var (_, pod) in Client.CoreV1.WatchListNamespacedPodAsync(Ns, resourceVersion: rv, cancellationToken: cts.Token))
        {
            seen.Add(pod);
            if (pod.Status.Phase == finalPhase)
            {
                break;
            }
        }
        return seen;
    }
}
