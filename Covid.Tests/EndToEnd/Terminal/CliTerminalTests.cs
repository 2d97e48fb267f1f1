using Covid.SparkJob.Engine;
using Covid.Tests.Support;
using Covid.Tests.Support.OtherClients;
using Covid.Tests.Support.Terminal;
using Covid.V1;

namespace Covid.Tests.EndToEnd.Terminal;

/// <summary>
/// `covid run` as a person runs it: in a terminal (tmux), reading the live progress bar while the
/// analysis runs, the table when it ends, and Ctrl+C cancelling the analysis on the server.
/// </summary>
public sealed class CliTerminalTests : IAsyncLifetime
{
    private readonly GatedEngine gated = new(new EmbeddedEngine());
    private ServerHost? host;

    public async Task InitializeAsync() => host = await ServerHost.StartAsync(new ServerHostOptions { Customize = gated.Customize });

    public async Task DisposeAsync()
    {
        gated.Open();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [SkippableFactIfClientsMissing]
    public async Task Run_InATerminal_LiveBarThenTheTable()
    {
        await using var terminal = await TmuxSession.StartAsync($"{TmuxSession.Covid} --server {host!.Address} run {ForeignRun.Spec}");
        await gated.WaitEnteredAsync(Timeouts.Token(60));

        var running = await terminal.WaitForAsync(s => s.Contains("submitted analyses/") && s.Contains('━') && s.Contains('%'));
        gated.Open();
        await terminal.WaitForAsync(s => s.Contains("EXIT="));
        var done = await terminal.ScreenAsync(scrollback: true);

        var bar = running.Split('\n').Single(l => l.Contains('━'));
        Assert.Matches(@"(queued|planning|scanning).*━+.*\d+%", bar);
        Assert.DoesNotContain("EXIT=", running);
        Assert.Contains("EXIT=0", done);
        Assert.Matches(@"period\s+state\s+cases\s+deaths\s+days\s+cfr", done);
        Assert.Matches(@"2020-\d\d-\d\d\s+NY\s+\d+", done);
        Assert.Contains("SUCCEEDED: 116 rows", done);
        Assert.Contains("100%", done);
    }

    [SkippableFactIfClientsMissing]
    public async Task Run_CtrlC_CancelsTheAnalysisOnTheServer()
    {
        await using var terminal = await TmuxSession.StartAsync($"{TmuxSession.Covid} --server {host!.Address} run {ForeignRun.Spec}");
        await gated.WaitEnteredAsync(Timeouts.Token(60));
        var running = await terminal.WaitForAsync(s => s.Contains("submitted analyses/") && s.Contains('━'));
        var name = System.Text.RegularExpressions.Regex.Match(running, @"submitted (analyses/\w+)").Groups[1].Value;

        await terminal.SendKeysAsync("C-c");
        var stopped = await terminal.WaitForAsync(s => s.Contains("EXIT="));

        Assert.Contains("EXIT=130", stopped);
        Assert.Contains($"cancelled {name}", stopped);
        var analysis = await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = name }, cancellationToken: Timeouts.Token());
        Assert.Equal(Analysis.Types.State.Cancelled, analysis.State);
    }
}
