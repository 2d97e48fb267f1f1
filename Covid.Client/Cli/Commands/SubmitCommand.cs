using System.CommandLine;

namespace Covid.Cli.Commands;

/// <summary>covid submit SPEC: queue an analysis and print its name, for scripts (NAME=$(covid submit spec.json)).</summary>
internal sealed class SubmitCommand : Command
{
    private readonly Argument<string> spec = CliOptions.SpecPath();
    private readonly Option<string> requestId = CliOptions.RequestId();
    private readonly Option<bool> recompute = CliOptions.Recompute();

    public SubmitCommand(CliContext context)
        : base("submit", "Submit a spec and print the new analysis' name without waiting for it.")
    {
        Add(spec);
        Add(requestId);
        Add(recompute);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var document = await SpecFile.LoadAsync(parse.GetValue(spec)!, ct);
            var analysis = await client.SubmitAsync(document, parse.GetValue(requestId), parse.GetValue(recompute), ct);
            context.Console.Out.WriteLine(analysis.Name);
            return ExitCode.Success;
        }));
    }
}
