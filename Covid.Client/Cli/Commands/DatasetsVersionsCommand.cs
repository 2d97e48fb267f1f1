using System.CommandLine;
using Covid.Cli.Formatting;

namespace Covid.Cli.Commands;

/// <summary>covid datasets versions NAME: every kept version of a dataset, newest first.</summary>
internal sealed class DatasetsVersionsCommand : Command
{
    private readonly Argument<string> name = new("name") { Description = "The dataset, e.g. cdc-cases-deaths-by-state." };
    private readonly Option<OutputFormat> output = CliOptions.Output();

    public DatasetsVersionsCommand(CliContext context)
        : base("versions", "List a dataset's kept versions, newest first: data-as-of, load time, source, rows, date range, sha256, analyses pinning it.")
    {
        Add(name);
        Add(output);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var versions = await client.ListDatasetVersionsAsync(parse.GetValue(name)!, ct);
            await TableOutput.WriteAsync(DatasetTables.OfVersions(versions), parse.GetValue(output), context.Console, ct);
            return ExitCode.Success;
        }));
    }
}
