using Covid.Server.Hosting;
using Covid.Server.Jobs;
using Covid.Server.Progress;
using Covid.Server.Storage;
using Covid.Tests.Support;
using Covid.V1;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using State = Covid.V1.Analysis.Types.State;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Tests.Server.Progress;

/// <summary>The hub's ordering and hand-over from replay to live, with many concurrent followers.</summary>
public sealed class ProgressHubTests : IDisposable
{
    private readonly TempDirectory dir = new("covid-hub-");
    private readonly ProgressHub hub;

    public ProgressHubTests()
    {
        var layout = new DataLayout(Options.Create(new DataOptions { Directory = dir.Path }));
        hub = new ProgressHub(new ProgressJournal(layout, NullLogger<ProgressJournal>.Instance));
    }

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Follow_SubscribersJoiningWhilePublishing_EachSeesEverySequenceOnceInOrder()
    {
        var ct = Timeouts.Token();
        const string id = "abc123";
        const int count = 2_000;
        var followers = new List<Task<List<long>>>();
        var publisher = Task.Run(() =>
        {
            for (var i = 1; i < count; i++)
            {
                hub.Publish(id, new ProgressEvent { Stage = Stage.Scanning, State = State.Running, Fraction = (double)i / count });
            }
            hub.Publish(id, new ProgressEvent { Stage = Stage.Finished, State = State.Succeeded, Fraction = 1 });
        }, ct);
        // Followers join at random points of the run, including before the first and after the last event.
        for (var f = 0; f < 20; f++)
        {
            followers.Add(CollectAsync(id, 0, ct));
            await Task.Delay(Random.Shared.Next(0, 2), ct);
        }
        await publisher;
        followers.Add(CollectAsync(id, 0, ct));

        foreach (var sequences in await Task.WhenAll(followers))
        {
            Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), sequences);
        }
        Assert.Equal(count, File.ReadLines(Path.Combine(dir.Path, "analyses", id, "events.jsonl")).Count());
    }

    [Fact]
    public async Task Follow_AfterSequence_ReplaysOnlyLaterEventsThenEnds()
    {
        var ct = Timeouts.Token();
        for (var i = 0; i < 5; i++)
        {
            hub.Publish("x1", new ProgressEvent { Analysis = "analyses/x1", Stage = Stage.Scanning, State = State.Running });
        }
        hub.Publish("x1", new ProgressEvent { Analysis = "analyses/x1", Stage = Stage.Finished, State = State.Failed });

        Assert.Equal([4L, 5L, 6L], await CollectAsync("x1", 3, ct));
        Assert.Empty(await CollectAsync("x1", 6, ct));
        Assert.Equal(6, hub.Latest("x1")!.Sequence);
        Assert.Equal("analyses/x1", hub.Latest("x1")!.Analysis);
    }

    private async Task<List<long>> CollectAsync(string id, long after, CancellationToken ct)
    {
        await Task.Yield();
        var seen = new List<long>();
        await foreach (var e in hub.Follow(id, after, ct))
        {
            seen.Add(e.Sequence);
        }
        return seen;
    }
}
