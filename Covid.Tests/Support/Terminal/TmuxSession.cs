using Covid.Tests.Support.OtherClients;

namespace Covid.Tests.Support.Terminal;

/// <summary>
/// A program run in a real terminal: a detached tmux session of a fixed size, typed into with
/// send-keys and read back with capture-pane, as a person sees it. Disposing kills the session.
/// </summary>
internal sealed class TmuxSession : IAsyncDisposable
{
    private TmuxSession(string name) => Name = name;

    public string Name { get; }

    /// <summary>The covid tool as the solution builds it (same configuration as these tests), with its own dependencies beside it.</summary>
    public static string Covid => Path.Combine(CdcFiles.RepoRoot, "Covid.Client", "Cli", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "covid");

    /// <summary>Starts <paramref name="command"/> (a shell command line) in a new 160×40 terminal; the pane stays after it exits.</summary>
    public static async Task<TmuxSession> StartAsync(string command)
    {
        var session = new TmuxSession("covid-test-" + Guid.NewGuid().ToString("N")[..12]);
        (await Tmux("new-session", "-d", "-s", session.Name, "-x", "160", "-y", "40", $"{command}; echo EXIT=$?; sleep 600")).Succeeded();
        return session;
    }

    /// <summary>What the terminal shows now; with <paramref name="scrollback"/>, everything it showed since it started.</summary>
    public async Task<string> ScreenAsync(bool scrollback = false) =>
        (await Tmux(scrollback ? ["capture-pane", "-p", "-S", "-", "-t", Name] : ["capture-pane", "-p", "-t", Name])).Succeeded().Output;

    /// <summary>Presses keys, e.g. "C-c".</summary>
    public async Task SendKeysAsync(string keys) => (await Tmux("send-keys", "-t", Name, keys)).Succeeded();

    /// <summary>Reads the screen until <paramref name="shows"/> holds, for at most <paramref name="seconds"/>; returns that screen.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> shows, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var screen = "";
        while (DateTime.UtcNow < deadline)
        {
            screen = await ScreenAsync();
            if (shows(screen))
            {
                return screen;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the terminal did not show what was expected within {seconds} s; it shows:\n{screen}");
    }

    public async ValueTask DisposeAsync() => await Tmux("kill-session", "-t", Name);

    private static Task<ForeignProcess.Outcome> Tmux(params string[] args) => ForeignProcess.RunAsync("tmux", args, timeoutSeconds: 30);
}
