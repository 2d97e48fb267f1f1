using System.CommandLine;

namespace Covid.Cli.Commands;

/// <summary>covid datasets …: the verbs that load and list datasets.</summary>
internal sealed class DatasetsCommand : Command
{
    public DatasetsCommand(CliContext context)
        : base("datasets", "Load, list, delete and share datasets and their versions.")
    {
        Add(new DatasetsUploadCommand(context));
        Add(new DatasetsListCommand(context));
        Add(new DatasetsDescribeCommand(context));
        Add(new DatasetsVersionsCommand(context));
        Add(new DatasetsSchemasCommand(context));
        Add(new DatasetsImportCommand(context));
        Add(new DatasetsGenerateCommand(context));
        Add(new DatasetsDeleteCommand(context));
        Add(new DatasetsShareCommand(context, shared: true));
        Add(new DatasetsShareCommand(context, shared: false));
    }
}
