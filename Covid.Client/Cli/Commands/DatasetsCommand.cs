using System.CommandLine;

namespace Covid.Cli.Commands;

/// <summary>covid datasets …: the verbs that load and list datasets.</summary>
internal sealed class DatasetsCommand : Command
{
    public DatasetsCommand(CliContext context)
        : base("datasets", "Load and list datasets.")
    {
        Add(new DatasetsUploadCommand(context));
        Add(new DatasetsListCommand(context));
        Add(new DatasetsDescribeCommand(context));
        Add(new DatasetsSchemasCommand(context));
        Add(new DatasetsImportCommand(context));
        Add(new DatasetsGenerateCommand(context));
    }
}
