using System.Text.RegularExpressions;
using Covid.Tests.Support;

namespace Covid.Tests.EndToEnd;

/// <summary>
/// A published version must survive a crash of the machine, not only of the process: after the
/// rename that publishes it, and before the upload is answered, the server flushes the directory
/// that rename changed (and datasets/ when the name is new). Read off the real server process'
/// system calls under strace.
/// </summary>
public sealed partial class PublishDurabilityTests
{
    [TheoryIfStrace]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Upload_AfterThePublishingRename_TheDirectoriesItChangedAreFlushed(int version)
    {
        var ct = Timeouts.Token(240);
        using var dir = new TempDirectory("covid-flush-");
        var trace = Path.Combine(dir.Path, "strace.txt");
        if (version == 2)
        {
            await using var first = await ServerProcess.StartAsync(dir.Path, ct);
            await Vintages.LoadAsync(first.Datasets, Vintages.Early, Vintages.Name, ct);
        }
        string[] strace = ["strace", "-f", "-qq", "-o", trace, "-e", "trace=rename,renameat,renameat2,open,openat,fsync"];
        await using (var traced = await ServerProcess.StartAsync(dir.Path, ct, strace))
        {
            await Vintages.LoadAsync(traced.Datasets, version == 1 ? Vintages.Early : Vintages.Late, Vintages.Name, ct);
        }

        var calls = File.ReadAllLines(trace);
        var datasets = Path.Combine(dir.Path, "datasets");
        var named = Path.Combine(datasets, Vintages.Name);
        var publish = Array.FindIndex(calls, c => Renamed().IsMatch(c) && c.Contains($"\"{Path.Combine(named, "v" + version)}\"", StringComparison.Ordinal));
        Assert.True(publish >= 0, $"no rename to {named}/v{version} in the trace");
        var after = calls[(publish + 1)..];
        Assert.True(FlushedAfter(after, named), $"{named} was not opened and fsynced after the publishing rename");
        Assert.Equal(version == 1, FlushedAfter(after, datasets));
    }

    /// <summary>An open of <paramref name="directory"/> whose descriptor is then fsynced.</summary>
    private static bool FlushedAfter(string[] calls, string directory)
    {
        foreach (var (call, i) in calls.Select((c, i) => (c, i)))
        {
            if (Opened().Match(call) is { Success: true } open && open.Groups["path"].Value == directory)
            {
                var fd = open.Groups["fd"].Value;
                if (calls[(i + 1)..].Any(c => c.Contains($"fsync({fd}", StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }
        return false;
    }

    [GeneratedRegex(@"\brename(at2?)?\(")]
    private static partial Regex Renamed();

    [GeneratedRegex("""\bopen(at)?\((AT_FDCWD, )?"(?<path>[^"]+)", O_RDONLY(\|O_LARGEFILE)?\) = (?<fd>\d+)""")]
    private static partial Regex Opened();
}
