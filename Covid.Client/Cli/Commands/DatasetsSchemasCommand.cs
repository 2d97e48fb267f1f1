using System.CommandLine;
using Covid.Cli.Formatting;
using Grpc.Core;

namespace Covid.Cli.Commands;

/// <summary>covid datasets schemas [SCHEMA]: the catalog schemas the server can load, or one schema's fields.</summary>
internal sealed class DatasetsSchemasCommand : Command
{
    private readonly Argument<string?> name = new("schema") { Description = "A schema to list the fields of, e.g. nhsn-hospital-respiratory.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<OutputFormat> output = CliOptions.Output();

    public DatasetsSchemasCommand(CliContext context)
        : base("schemas", "List the schemas datasets can be loaded with (ids, grain, geography, export forms), or one schema's fields.")
    {
        Add(name);
        Add(output);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var schemas = await client.ListSchemasAsync(ct);
            if (parse.GetValue(name) is not { } wanted)
            {
                await TableOutput.WriteAsync(DatasetTables.OfSchemas(schemas), parse.GetValue(output), context.Console, ct);
                return ExitCode.Success;
            }
            var schema = schemas.FirstOrDefault(s => s.Name == wanted)
                ?? throw new CovidException(StatusCode.NotFound, $"No schema named '{wanted}'; schemas: {string.Join(", ", schemas.Select(s => s.Name))}.");
            context.Console.Error.WriteLine($"{schema.Name}: {schema.Title}; grain {schema.GrainDescription}; time field {schema.TimeField}");
            await TableOutput.WriteAsync(DatasetTables.Fields(schema.Fields), parse.GetValue(output), context.Console, ct);
            return ExitCode.Success;
        }));
    }
}
