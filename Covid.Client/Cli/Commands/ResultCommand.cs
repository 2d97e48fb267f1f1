using System.CommandLine;
using Covid.Cli.Formatting;

namespace Covid.Cli.Commands;

/// <summary>covid result NAME: print a succeeded analysis' table.</summary>
internal sealed class ResultCommand : Command
{
    private readonly Argument<string> name = CliOptions.AnalysisName();
    private readonly Option<OutputFormat> output = CliOptions.Output();

    public ResultCommand(CliContext context)
        : base("result", "Print the result table of a succeeded analysis, with the dataset version it read.")
    {
        Add(name);
        Add(output);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var table = await client.GetResultAsync(parse.GetValue(name)!, ct);
            await ResultOutput.WriteAsync(table, parse.GetValue(output), context.Console, ct);
            return ExitCode.Success;
        }));
    }
}
