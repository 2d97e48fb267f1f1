using System.CommandLine;
using Covid.Cli.Formatting;

namespace Covid.Cli.Commands;

/// <summary>covid status NAME: one analysis' state, progress and timings.</summary>
internal sealed class StatusCommand : Command
{
    private readonly Argument<string> name = CliOptions.AnalysisName();
    private readonly Option<OutputFormat> output = CliOptions.Output();

    public StatusCommand(CliContext context)
        : base("status", "Show one analysis: state, engine, progress, timings, failure reason, and the dataset version it reads.")
    {
        Add(name);
        Add(output);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var info = await client.GetAsync(parse.GetValue(name)!, ct);
            var format = parse.GetValue(output);
            var table = format == OutputFormat.Table ? AnalysisTables.Vertical(info) : AnalysisTables.Of([info], provenance: true);
            await TableOutput.WriteAsync(table, format, context.Console, ct);
            return ExitCode.Success;
        }));
    }
}
