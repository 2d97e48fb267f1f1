using System.CommandLine;

namespace Covid.Cli.Commands;

/// <summary>covid admin …: tasks of the server's operator, done locally.</summary>
internal sealed class AdminCommand : Command
{
    public AdminCommand(CliContext context)
        : base("admin", "Operator tasks, run locally (no server).")
    {
        Add(new AdminHashKeyCommand(context));
    }
}
