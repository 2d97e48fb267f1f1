using Covid.Server.Kubernetes;
using Covid.Server.Spark;

namespace Covid.Tests.Server.Spark;

public sealed class FollowTimeoutsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static FollowTimeouts Timeouts() => new(
        new KubernetesOptions { ScheduleTimeout = TimeSpan.FromMinutes(5), ImagePullTimeout = TimeSpan.FromMinutes(5), SparkImage = "apache/spark:3.5.3" },
        new SparkOptions { RunTimeout = TimeSpan.FromHours(2) },
        T0);

    private static DriverState Pending(string reason = "") => new(DriverOutcome.Launching, "Pending", reason, "", 0, null);

    private static DriverState Running => new(DriverOutcome.Running, "Running", "", "", 0, null);

    private static PodWait Wait(PodWaitSubject subject, bool counts = true) => new(subject, "Unschedulable", "driver pod d cannot be scheduled: 0/1 nodes", counts);

    [Fact]
    public void Check_WaitShorterThanTheTimeout_GoesOn()
    {
        var timeouts = Timeouts();

        Assert.Null(timeouts.Check(Pending(), Wait(PodWaitSubject.Driver), null, T0));
        Assert.Null(timeouts.Check(Pending(), Wait(PodWaitSubject.Driver), null, T0.AddMinutes(4.9)));
    }

    [Fact]
    public void Check_SameWaitForTheTimeout_FailedWithItsMessage()
    {
        var timeouts = Timeouts();
        timeouts.Check(Pending(), Wait(PodWaitSubject.Driver), null, T0);

        var end = timeouts.Check(Pending(), Wait(PodWaitSubject.Driver), null, T0.AddMinutes(5));

        Assert.NotNull(end);
        Assert.Equal(DriverOutcome.Failed, end.Outcome);
        Assert.Equal("Unschedulable", end.Reason);
        Assert.Equal("the Spark run gave up after 00:05:00 (Kubernetes:ScheduleTimeout): driver pod d cannot be scheduled: 0/1 nodes", end.Describe(new SparkNames("a")));
    }

    [Fact]
    public void Check_WaitSubjectChanges_ClockStartsAgain()
    {
        var timeouts = Timeouts();
        timeouts.Check(Pending(), Wait(PodWaitSubject.Driver), null, T0);

        // The driver got scheduled and runs; now its executors wait: their own five minutes.
        Assert.Null(timeouts.Check(Running, Wait(PodWaitSubject.Executors), null, T0.AddMinutes(4)));
        Assert.Null(timeouts.Check(Running, Wait(PodWaitSubject.Executors), null, T0.AddMinutes(8.9)));
        Assert.NotNull(timeouts.Check(Running, Wait(PodWaitSubject.Executors), null, T0.AddMinutes(9)));
    }

    [Fact]
    public void Check_PullingOrNotWaiting_ClockResets()
    {
        var timeouts = Timeouts();
        timeouts.Check(Pending(), Wait(PodWaitSubject.Driver), null, T0);
        timeouts.Check(Pending(), Wait(PodWaitSubject.Driver, counts: false), null, T0.AddMinutes(4));

        Assert.Null(timeouts.Check(Pending(), Wait(PodWaitSubject.Driver), null, T0.AddMinutes(6)));
        Assert.NotNull(timeouts.Check(Pending(), Wait(PodWaitSubject.Driver), null, T0.AddMinutes(11)));
    }

    [Fact]
    public void Check_ImagePullFailingForItsTimeout_FailedNamingTheImage()
    {
        var timeouts = Timeouts();
        timeouts.Check(Pending("ImagePullBackOff"), null, null, T0);

        var end = timeouts.Check(Pending("ImagePullBackOff") with { Message = "Back-off pulling image" }, null, null, T0.AddMinutes(5));

        Assert.Equal("image apache/spark:3.5.3 could not be pulled for 00:05:00 (Kubernetes:ImagePullTimeout): Back-off pulling image", end!.Message);
    }

    [Fact]
    public void Check_RunLongerThanRunTimeout_CountedFromTheDriversCreationNotFromTheFollow()
    {
        // A restarted server follows a driver created 119 minutes ago: one more minute, not two hours.
        var timeouts = Timeouts();
        var created = T0.AddMinutes(-119).UtcDateTime;

        Assert.Null(timeouts.Check(Running, null, created, T0));
        var end = timeouts.Check(Running, null, created, T0.AddMinutes(1));

        Assert.Equal("the Spark run gave up after 02:00:00 (Spark:RunTimeout): the driver was still Running", end!.Describe(new SparkNames("a")));
    }
}
