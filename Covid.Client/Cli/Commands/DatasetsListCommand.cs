using System.CommandLine;
using Covid.Cli.Formatting;

namespace Covid.Cli.Commands;

/// <summary>covid datasets list: the datasets loaded on the server.</summary>
internal sealed class DatasetsListCommand : Command
{
    private readonly Option<OutputFormat> output = CliOptions.Output();

    public DatasetsListCommand(CliContext context)
        : base("list", "List the datasets loaded on the server.")
    {
        Add(output);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var datasets = await client.ListDatasetsAsync(ct);
            await TableOutput.WriteAsync(DatasetTables.Of(datasets), parse.GetValue(output), context.Console, ct);
            foreach (var synthetic in datasets.Where(d => d.Synthetic))
            {
                context.Console.Error.WriteLine($"note: {synthetic.Name} holds SYNTHETIC sample rows, not real CDC data");
            }

            return ExitCode.Success;
        }));
    }
}
