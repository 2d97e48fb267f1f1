using System.CommandLine;
using Covid.Cli.Formatting;

namespace Covid.Cli.Commands;

/// <summary>covid explain SPEC: validate a spec on the server and show its columns and SQL, without running it.</summary>
internal sealed class ExplainCommand : Command
{
    private readonly Argument<string> spec = CliOptions.SpecPath();
    private readonly Option<OutputFormat> output = CliOptions.Output();

    public ExplainCommand(CliContext context)
        : base("explain", "Validate a spec and print the dataset version it would read now, its result columns and the SQL each engine would run.")
    {
        Add(spec);
        Add(output);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var format = parse.GetValue(output);
            if (format is OutputFormat.Csv or OutputFormat.Parquet)
            {
                throw CliContext.Invalid($"explain prints --output table or json, not {format.ToString().ToLowerInvariant()}.");
            }

            var document = await SpecFile.LoadAsync(parse.GetValue(spec)!, ct);
            var explanation = await client.ExplainAsync(document, ct);
            if (format == OutputFormat.Json)
            {
                ExplanationWriter.WriteJson(explanation, context.Console.Out);
            }
            else
            {
                ExplanationWriter.WriteText(explanation, context.Console.Out);
            }

            return ExitCode.Success;
        }));
    }
}
