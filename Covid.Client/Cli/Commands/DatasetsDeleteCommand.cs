using System.CommandLine;

namespace Covid.Cli.Commands;

/// <summary>covid datasets delete NAME: delete a dataset (its files and its name) on the server.</summary>
internal sealed class DatasetsDeleteCommand : Command
{
    private readonly Argument<string> name = new("name") { Description = "The dataset name, as `covid datasets list` shows it." };

    public DatasetsDeleteCommand(CliContext context)
        : base("delete", "Delete a dataset you own (an admin: any); refused while a queued or running analysis reads it.")
    {
        Add(name);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var dataset = parse.GetValue(name)!;
            await client.DeleteDatasetAsync(dataset, ct);
            context.Console.Out.WriteLine($"{dataset} deleted");
            return ExitCode.Success;
        }));
    }
}
