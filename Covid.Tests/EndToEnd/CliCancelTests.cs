extern alias cli;
using System.Text.RegularExpressions;
using cli::Covid.Cli;
using Covid.SparkJob.Engine;
using Covid.Tests.Support;
using Covid.Tests.Support.Cli;
using Covid.V1;

namespace Covid.Tests.EndToEnd;

/// <summary>Cancelling from the CLI, with the real engine held at a gate so the analysis is surely running.</summary>
public sealed class CliCancelTests
{
    [Fact]
    public async Task Run_Interrupted_CancelsTheAnalysisOnTheServer()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var gated = new GatedEngine(new EmbeddedEngine());
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Customize = gated.Customize });
        using var interrupt = new CancellationTokenSource();
        var run = CliRun.InvokeAsync(interrupt.Token, "run", CliRun.Example("weekly-cases-by-state.json"), "--server", host.Address);
        await gated.WaitEnteredAsync(timeout.Token);

        await interrupt.CancelAsync();
        var (code, output, error) = await run.WaitAsync(timeout.Token);

        Assert.Equal(ExitCode.Interrupted, code);
        Assert.Empty(output);
        var name = Regex.Match(error, @"cancelled (analyses/\S+)").Groups[1].Value;
        Assert.NotEmpty(name);
        var last = await LastEventAsync(host, name, timeout.Token);
        Assert.Equal((ProgressEvent.Types.Stage.Finished, Analysis.Types.State.Cancelled), (last.Stage, last.State));
        gated.Open();
    }

    [Fact]
    public async Task Watch_CancelledByCancelVerb_FailureExitAndCancelledState()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var gated = new GatedEngine(new EmbeddedEngine());
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Customize = gated.Customize });
        var server = host.Address;
        var submitted = await CliRun.InvokeAsync("submit", CliRun.Example("weekly-cases-by-state.json"), "--server", server);
        var name = submitted.Output.Trim();
        await gated.WaitEnteredAsync(timeout.Token);
        var watch = CliRun.InvokeAsync("watch", name, "--server", server);

        var cancel = await CliRun.InvokeAsync("cancel", name, "--server", server);
        var watched = await watch.WaitAsync(timeout.Token);

        Assert.Equal(ExitCode.Success, cancel.Code);
        Assert.StartsWith(name, cancel.Output);
        Assert.Equal(ExitCode.Failure, watched.Code);
        Assert.Contains($"{name} CANCELLED", watched.Output);
        Assert.Contains("[finished]", watched.Output);
        gated.Open();
    }

    /// <summary>Follows the analysis' progress stream to its end (bounded by the token) and returns the last event.</summary>
    private static async Task<ProgressEvent> LastEventAsync(ServerHost host, string name, CancellationToken ct)
    {
        using var call = host.Analyses.StreamProgress(new StreamProgressRequest { Name = name }, cancellationToken: ct);
        ProgressEvent? last = null;
        while (await call.ResponseStream.MoveNext(ct))
        {
            last = call.ResponseStream.Current;
        }

        return last ?? throw new InvalidOperationException($"no progress events for {name}");
    }
}
