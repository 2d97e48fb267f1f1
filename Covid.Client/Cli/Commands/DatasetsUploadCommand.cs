using System.CommandLine;
using Covid.Cli.Formatting;

namespace Covid.Cli.Commands;

/// <summary>covid datasets upload FILE --name NAME --schema SCHEMA: stream a CSV to the server as a dataset.</summary>
internal sealed class DatasetsUploadCommand : Command
{
    private readonly Argument<string> file = new("file") { Description = "The CSV file, exactly as data.cdc.gov exports it." };
    private readonly Option<string> name = new("--name") { Description = "The dataset name specs will use: lowercase letters, digits and dashes.", Required = true };
    private readonly Option<string> schema = new("--schema") { Description = "The catalog schema of the file, e.g. cdc-cases-deaths-by-state.", Required = true };
    private readonly Option<bool> replace = new("--replace", "--new-version") { Description = "Add a new version to a dataset of the same name (earlier versions are kept)." };
    private readonly Option<bool> synthetic = new("--synthetic") { Description = "The rows are generated (covid datasets generate), not CDC data; the dataset is listed as synthetic." };

    public DatasetsUploadCommand(CliContext context)
        : base("upload", "Upload a CSV file; the server validates every line and stores it as typed Parquet.")
    {
        Add(file);
        Add(name);
        Add(schema);
        Add(replace);
        Add(synthetic);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The file '{path}' does not exist.", path);
            }

            context.Console.Error.WriteLine($"uploading {path} ({new FileInfo(path).Length} bytes) …");
            var dataset = await client.UploadDatasetAsync(path, parse.GetValue(name)!, parse.GetValue(schema)!, parse.GetValue(replace), parse.GetValue(synthetic), ct);
            var range = dataset.MinDate is { } min && dataset.MaxDate is { } max ? $", {min:yyyy-MM-dd}..{max:yyyy-MM-dd}" : "";
            context.Console.Out.WriteLine($"{dataset.Name} version {dataset.Version}: {dataset.RowCount} rows of {dataset.Schema}{range}{(dataset.Synthetic ? " (synthetic)" : "")}");
            DatasetNotes.Write(dataset, context.Console.Error);
            return ExitCode.Success;
        }));
    }
}
