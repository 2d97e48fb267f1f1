extern alias cli;
using cli::Covid.Cli;
using Covid.Tests.Support;
using Covid.Tests.Support.Cli;
using Covid.Tests.Support.OtherClients;
using Covid.Tests.Support.Terminal;

namespace Covid.Tests.Client.Cli;

/// <summary>The verbs that need no server: version, completion (down to a real bash completing a line), and the CLI's own refusals.</summary>
public sealed class CliVerbsTests : IDisposable
{
    private const string NoServer = "http://127.0.0.1:1";
    private readonly TempDirectory directory = new("covid-cli-verbs-");

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Version_PrintsToolSdkAndRuntime()
    {
        var (code, output, _) = await CliRun.InvokeAsync("version");

        Assert.Equal(ExitCode.Success, code);
        Assert.Matches(@"^covid \d+\.\d+\.\d+ \(SDK Covid\.Client \d+\.\d+\.\d+\)\nruntime: \.NET 10\.\d+\.\d+, [\w-]+, (JIT|native AOT)\n$", output);
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _covid_complete covid")]
    [InlineData("zsh", "compctl -K _covid_complete covid")]
    [InlineData("fish", "complete -c covid")]
    public async Task Completion_Shell_ScriptAskingTheSuggestDirective(string shell, string registers)
    {
        var (code, output, _) = await CliRun.InvokeAsync("completion", shell);

        Assert.Equal(ExitCode.Success, code);
        Assert.Contains(registers, output);
        Assert.Contains("[suggest:", output);
    }

    [Fact]
    public async Task Completion_UnknownShell_Usage()
    {
        var (code, _, error) = await CliRun.InvokeAsync("completion", "powershell");

        Assert.Equal(ExitCode.Usage, code);
        Assert.Contains("powershell", error);
    }

    [SkippableFactIfClientsMissing]
    public async Task Completion_InBash_CompletesVerbsSubverbsAndOutputFormats()
    {
        var bin = Directory.CreateDirectory(directory.File("bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "covid"), TmuxSession.Covid);
        var script = """
            source <(covid completion bash)
            complete_line() { COMP_LINE="$1"; COMP_POINT=${#1}; read -ra COMP_WORDS <<< "$1"; [[ "$1" == *" " ]] && COMP_WORDS+=(""); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _covid_complete; echo "${COMPREPLY[*]}"; }
            complete_line "covid da"
            complete_line "covid datasets "
            complete_line "covid result x --output p"
            """;

        var run = (await ForeignProcess.RunAsync("bash", ["-c", script],
            environment: new Dictionary<string, string> { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") })).Succeeded();

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("datasets", lines[0]);
        Assert.All(["upload", "import", "list", "describe", "delete", "share", "unshare", "generate"], verb => Assert.Contains(verb, lines[1].Split(' ')));
        Assert.Equal("parquet", lines[2]);
    }

    [Fact]
    public async Task OutputParquet_ToATerminal_RefusedBeforeCallingTheServer()
    {
        using var stdout = new MemoryStream();

        var (code, _, error) = await CliRun.InvokeAsync(stdout, outIsTerminal: true, "result", "analyses/x", "-o", "parquet", "--server", NoServer);

        Assert.Equal(ExitCode.InvalidArgument, code);
        Assert.Contains("redirect standard output", error);
        Assert.Equal(0, stdout.Length);
    }

    [Fact]
    public async Task Run_SpecWithoutMetrics_OneLineNamingTheFieldWithAHint()
    {
        var spec = directory.File("bad.json");
        await File.WriteAllTextAsync(spec, """{"dataset": "cdc-cases-deaths-by-state", "groupBy": ["state"]}""");

        var (code, _, error) = await CliRun.InvokeAsync("run", spec, "--server", NoServer);

        Assert.Equal(ExitCode.InvalidArgument, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"covid: {spec}: spec.metrics: at least one metric is required", line);
        Assert.Contains("(hint: ", line);
    }
}
