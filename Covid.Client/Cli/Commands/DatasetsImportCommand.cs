using System.CommandLine;
using Covid.Cli.Formatting;

namespace Covid.Cli.Commands;

/// <summary>covid datasets import URL|cdc:ID --name NAME [--schema SCHEMA]: the server downloads and loads a CSV.</summary>
internal sealed class DatasetsImportCommand : Command
{
    private readonly Argument<string> url = new("url") { Description = "An http(s) link to the CSV, e.g. https://data.cdc.gov/api/views/9mfq-cb36/rows.csv?accessType=DOWNLOAD, or cdc:ID (e.g. cdc:ua7e-t2fy) for the dataset's SODA export, fetched in pages" };
    private readonly Option<string> name = new("--name") { Description = "The dataset name specs will use: lowercase letters, digits and dashes.", Required = true };
    private readonly Option<string> schema = new("--schema") { Description = "The catalog schema of the file, e.g. cdc-vaccinations-jurisdiction; with cdc:ID, the schema that reads ID unless given." };
    private readonly Option<bool> replace = new("--replace", "--new-version") { Description = "Add a new version to a dataset of the same name (earlier versions are kept)." };

    public DatasetsImportCommand(CliContext context)
        : base("import", "Have the server download a CSV from a URL; it validates every line and stores it as typed Parquet.")
    {
        Add(url);
        Add(name);
        Add(schema);
        Add(replace);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var link = parse.GetValue(url)!;
            context.Console.Error.WriteLine($"importing {link} on the server …");
            var dataset = await client.ImportDatasetAsync(link, parse.GetValue(name)!, parse.GetValue(schema) ?? "", parse.GetValue(replace), ct);
            var range = dataset.MinDate is { } min && dataset.MaxDate is { } max ? $", {min:yyyy-MM-dd}..{max:yyyy-MM-dd}" : "";
            context.Console.Out.WriteLine($"{dataset.Name} version {dataset.Version}: {dataset.RowCount} rows of {dataset.Schema}{range}");
            DatasetNotes.Write(dataset, context.Console.Error);
            return ExitCode.Success;
        }));
    }
}
