using System.CommandLine;
using Covid.Cli.Formatting;

namespace Covid.Cli.Commands;

/// <summary>covid cancel NAME: stop a queued or running analysis.</summary>
internal sealed class CancelCommand : Command
{
    private readonly Argument<string> name = CliOptions.AnalysisName();

    public CancelCommand(CliContext context)
        : base("cancel", "Stop a queued or running analysis; prints its state afterwards.")
    {
        Add(name);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var info = await client.CancelAsync(parse.GetValue(name)!, ct);
            context.Console.Out.WriteLine($"{info.Name} {Names.Of(info.State)}");
            return ExitCode.Success;
        }));
    }
}
