using System.CommandLine;
using Covid.Cli.Completion;

namespace Covid.Cli.Commands;

/// <summary>covid completion bash|zsh|fish: print the shell's completion script (local, no server).</summary>
internal sealed class CompletionCommand : Command
{
    private readonly Argument<string> shell = new("shell")
    {
        Description = "The shell: bash, zsh or fish.",
    };

    public CompletionCommand(CliContext context)
        : base("completion", "Print a shell completion script: source <(covid completion bash), or zsh, or fish.")
    {
        shell.AcceptOnlyFromAmong([.. CompletionScripts.Shells]);
        Add(shell);
        SetAction(parse =>
        {
            context.Console.Out.Write(CompletionScripts.For(parse.GetValue(shell)!));
            return (int)ExitCode.Success;
        });
    }
}
