using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using k8s.Models;
using static Covid.Tests.Support.Spark.LaunchFixtures;

namespace Covid.Tests.Server.Spark;

public sealed class DriverStateTests
{
    private static V1Pod Driver(string phase, V1ContainerState? state = null, string? reason = null, string? message = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = Names.DriverPod, Labels = new Dictionary<string, string> { ["spark-role"] = "driver" } },
        Status = new V1PodStatus
        {
            Phase = phase,
            Reason = reason,
            Message = message,
            ContainerStatuses = state is null ? null : [new V1ContainerStatus { Name = "spark-kubernetes-driver", State = state }],
        },
    };

    private static V1Pod Executor(int i, string phase) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"exec-{i}", Labels = new Dictionary<string, string> { ["spark-role"] = "executor" } },
        Status = new V1PodStatus { Phase = phase },
    };

    [Fact]
    public void Observe_PendingWithImagePullBackOff_LaunchingWithReason()
    {
        var state = DriverState.Observe(Names, [Driver("Pending", new V1ContainerState
        {
            Waiting = new V1ContainerStateWaiting { Reason = "ImagePullBackOff", Message = "Back-off pulling image" },
        })]);

        Assert.Equal(DriverOutcome.Launching, state.Outcome);
        Assert.Equal(("Pending", "ImagePullBackOff"), (state.Phase, state.Reason));
        Assert.True(state.PullingImageFails);
    }

    [Fact]
    public void Observe_RunningWithExecutors_CountsOnlyRunningExecutors()
    {
        var state = DriverState.Observe(Names, [Driver("Running"), Executor(1, "Running"), Executor(2, "Running"), Executor(3, "Pending")]);

        Assert.Equal(DriverOutcome.Running, state.Outcome);
        Assert.Equal(2, state.ExecutorsRunning);
    }

    [Fact]
    public void Observe_FailedOomKilled_ReasonAndExitCodeDescribed()
    {
        var state = DriverState.Observe(Names, [Driver("Failed", new V1ContainerState
        {
            Terminated = new V1ContainerStateTerminated { Reason = "OOMKilled", ExitCode = 137 },
        })]);

        Assert.Equal(DriverOutcome.Failed, state.Outcome);
        Assert.Equal("Spark driver pod covid-abc123-driver ran out of memory (OOMKilled, exit code 137)", state.Describe(Names));
    }

    [Fact]
    public void Observe_Evicted_PodReasonAndMessage()
    {
        var state = DriverState.Observe(Names, [Driver("Failed", reason: "Evicted", message: "The node was low on resource: memory.")]);

        Assert.Equal(DriverOutcome.Failed, state.Outcome);
        Assert.Equal("Spark driver pod covid-abc123-driver was evicted (Evicted): The node was low on resource: memory.", state.Describe(Names));
    }

    [Fact]
    public void Observe_ErrorExit_ExitCodeInDescription()
    {
        var state = DriverState.Observe(Names, [Driver("Failed", new V1ContainerState
        {
            Terminated = new V1ContainerStateTerminated { Reason = "Error", ExitCode = 1 },
        })]);

        Assert.Equal("Spark driver pod covid-abc123-driver failed (Error, exit code 1)", state.Describe(Names));
    }

    [Fact]
    public void Observe_Succeeded_Succeeded()
    {
        Assert.Equal(DriverOutcome.Succeeded, DriverState.Observe(Names, [Driver("Succeeded")]).Outcome);
    }

    [Fact]
    public void Observe_NoDriverPod_Gone()
    {
        var state = DriverState.Observe(Names, [Executor(1, "Running")]);

        Assert.Equal(DriverOutcome.Gone, state.Outcome);
        Assert.Contains("covid-abc123-driver no longer exists", state.Describe(Names));
    }

    [Fact]
    public void Observe_InvalidImageName_FailsAtOnce()
    {
        var state = DriverState.Observe(Names, [Driver("Pending", new V1ContainerState
        {
            Waiting = new V1ContainerStateWaiting { Reason = "InvalidImageName" },
        })]);

        Assert.Equal(DriverOutcome.Failed, state.Outcome);
    }
}
