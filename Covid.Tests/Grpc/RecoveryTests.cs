using Covid.Tests.Support;
using Covid.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using State = Covid.V1.Analysis.Types.State;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Tests.Grpc;

/// <summary>Analyses a crashed server left behind: written to disk as a crash leaves them, then a server starts.</summary>
public sealed class RecoveryTests
{
    [Fact]
    public async Task Start_AnalysisLeftRunning_RunsAgainToSucceeded()
    {
        var ct = Timeouts.Token(60);
        using var dir = new TempDirectory("covid-recovery-");
        WriteCrashed(dir.Path, "0123456789abcdef0123", Specs.IssueExample(), State.Running, withEvents: true);

        var host = await ServerHost.StartAsync(new ServerHostOptions { DataDirectory = dir.Path });
        try
        {
            var events = await ServerCalls.StreamAsync(host.Analyses, "analyses/0123456789abcdef0123", ct);

            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
            Assert.Contains(events, e => e.Stage == Stage.Queued && e.Message.Contains("runs again"));
            Assert.Equal((Stage.Finished, State.Succeeded), (events[^1].Stage, events[^1].State));
            var analysis = await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = "0123456789abcdef0123" }, cancellationToken: ct);
            Assert.Equal(State.Succeeded, analysis.State);
            Assert.True(analysis.ResultRowCount > 0);
            // The torn line was repaired, not glued to: a further restart replays every event.
            host = await host.RestartAsync();
            Assert.Equal(events, await ServerCalls.StreamAsync(host.Analyses, "analyses/0123456789abcdef0123", ct));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Start_AnalysisLeftRunningOnMissingDataset_FailsWithReason()
    {
        var ct = Timeouts.Token(60);
        using var dir = new TempDirectory("covid-recovery-");
        WriteCrashed(dir.Path, "00000000000000000042", Specs.IssueExample("deleted-dataset"), State.Running, withEvents: false);

        var host = await ServerHost.StartAsync(new ServerHostOptions { DataDirectory = dir.Path });
        try
        {
            var events = await ServerCalls.StreamAsync(host.Analyses, "analyses/00000000000000000042", ct);

            Assert.Equal((Stage.Finished, State.Failed), (events[^1].Stage, events[^1].State));
            var analysis = await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = "00000000000000000042" }, cancellationToken: ct);
            Assert.Equal(State.Failed, analysis.State);
            Assert.Contains("deleted-dataset", analysis.FailureReason);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>What the server leaves after dying mid-run: analysis.json RUNNING, events up to SCANNING, a torn last line.</summary>
    private static void WriteCrashed(string dataDirectory, string id, AnalysisSpec spec, State state, bool withEvents)
    {
        var dir = Path.Combine(dataDirectory, "analyses", id);
        Directory.CreateDirectory(dir);
        var now = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1));
        var analysis = new Analysis
        {
            Name = "analyses/" + id,
            Spec = spec,
            State = state,
            Engine = AnalysisSpec.Types.Engine.Embedded,
            CreateTime = now,
            StartTime = now,
        };
        File.WriteAllText(Path.Combine(dir, "analysis.json"), JsonFormatter.Default.Format(analysis));
        if (withEvents)
        {
            var lines = new[]
            {
                new ProgressEvent { Sequence = 1, Analysis = analysis.Name, Time = now, Stage = Stage.Queued, State = State.Queued, Message = "queued" },
                new ProgressEvent { Sequence = 2, Analysis = analysis.Name, Time = now, Stage = Stage.Planning, State = State.Running, Fraction = 0.02 },
                new ProgressEvent { Sequence = 3, Analysis = analysis.Name, Time = now, Stage = Stage.Scanning, State = State.Running, Fraction = 0.1 },
            }.Select(e => JsonFormatter.Default.Format(e) + "\n");
            File.WriteAllText(Path.Combine(dir, "events.jsonl"), string.Concat(lines) + "{\"sequence\": \"4\", \"analy");
        }
    }
}
