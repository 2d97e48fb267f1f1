using System.CommandLine;

namespace Covid.Cli.Commands;

/// <summary>covid datasets share|unshare NAME: an admin makes a dataset readable by every user, or by its owner only.</summary>
internal sealed class DatasetsShareCommand : Command
{
    private readonly Argument<string> name = new("name") { Description = "The dataset name, as `covid datasets list` shows it." };

    public DatasetsShareCommand(CliContext context, bool shared)
        : base(shared ? "share" : "unshare", shared
            ? "Admins: let every user read a dataset (only admins may then replace or delete it)."
            : "Admins: make a shared dataset readable by its owner only again.")
    {
        Add(name);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var dataset = await client.SetDatasetSharedAsync(parse.GetValue(name)!, shared, ct);
            var owner = dataset.Owner.Length > 0 ? dataset.Owner : "the server (built in)";
            context.Console.Out.WriteLine(dataset.Shared
                ? $"{dataset.Name}: shared with every user (owner {owner})"
                : $"{dataset.Name}: readable by its owner {owner} (and admins) only");
            return ExitCode.Success;
        }));
    }
}
