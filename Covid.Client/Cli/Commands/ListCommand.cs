using System.CommandLine;
using Covid.Cli.Formatting;

namespace Covid.Cli.Commands;

/// <summary>covid list: every analysis, newest first.</summary>
internal sealed class ListCommand : Command
{
    private readonly Option<OutputFormat> output = CliOptions.Output();
    private readonly Option<int> limit = new("--limit") { Description = "Show at most this many (0 = all).", DefaultValueFactory = _ => 0 };

    public ListCommand(CliContext context)
        : base("list", "List analyses, newest first.")
    {
        Add(output);
        Add(limit);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var max = parse.GetValue(limit);
            if (max < 0)
            {
                throw CliContext.Invalid("--limit must be 0 (all) or more.");
            }

            var analyses = new List<AnalysisInfo>();
            await foreach (var info in client.ListAsync(cancellationToken: ct))
            {
                analyses.Add(info);
                if (analyses.Count == max)
                {
                    break;
                }
            }

            await TableOutput.WriteAsync(AnalysisTables.Of(analyses), parse.GetValue(output), context.Console, ct);
            return ExitCode.Success;
        }));
    }
}
