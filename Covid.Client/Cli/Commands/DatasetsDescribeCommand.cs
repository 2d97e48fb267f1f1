using System.CommandLine;
using Covid.Cli.Formatting;
using Grpc.Core;

namespace Covid.Cli.Commands;

/// <summary>covid datasets describe NAME: the fields a spec over this dataset may use.</summary>
internal sealed class DatasetsDescribeCommand : Command
{
    private readonly Argument<string> name = new("name") { Description = "The dataset, e.g. cdc-cases-deaths-by-state." };
    private readonly Option<OutputFormat> output = CliOptions.Output();

    public DatasetsDescribeCommand(CliContext context)
        : base("describe", "List a dataset's fields: name, type, role (time, geography, dimension, measure), unit, how it adds up, description.")
    {
        Add(name);
        Add(output);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var wanted = parse.GetValue(name)!;
            var datasets = await client.ListDatasetsAsync(ct);
            var dataset = datasets.FirstOrDefault(d => d.Name == wanted)
                ?? throw new CovidException(StatusCode.NotFound, $"No dataset named '{wanted}'; loaded: {string.Join(", ", datasets.Select(d => d.Name))}.");
            await TableOutput.WriteAsync(DatasetTables.Fields(dataset.Fields), parse.GetValue(output), context.Console, ct);
            if (dataset.MissingFields.Count > 0)
            {
                context.Console.Error.WriteLine($"note: the file had no {string.Join(", ", dataset.MissingFields)} (a SODA selection); those fields are null");
            }
            return ExitCode.Success;
        }));
    }
}
