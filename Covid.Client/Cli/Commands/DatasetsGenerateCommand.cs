using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Covid.Cli.Generation;

namespace Covid.Cli.Commands;

/// <summary>
/// covid datasets generate --schema cdc-case-surveillance --rows N --out FILE [--seed S]: writes
/// SYNTHETIC rows in a CDC layout locally (no server), for benchmarks and demos. The file is
/// written beside its target and renamed into place, so a cut run leaves no partial file.
/// </summary>
internal sealed class DatasetsGenerateCommand : Command
{
    private readonly Option<string> schema = new("--schema") { Description = $"The layout to write; only {CaseSurveillanceGenerator.SchemaName} has a generator.", Required = true };
    private readonly Option<long> rows = new("--rows") { Description = "Number of data rows.", Required = true };
    private readonly Option<string> output = new("--out") { Description = "The CSV file to write, or - for standard output.", Required = true };
    private readonly Option<ulong> seed = new("--seed") { Description = "Selects the rows; the same seed gives the same file.", DefaultValueFactory = _ => 1UL };

    public DatasetsGenerateCommand(CliContext context)
        : base("generate", "Write SYNTHETIC case rows in the CDC export layout (not CDC data), e.g. for benchmarks.")
    {
        Add(schema);
        Add(rows);
        Add(output);
        Add(seed);
        SetAction((parse, ct) => context.RunAsync(parse, ct, _ => Task.FromResult(Generate(context.Console, parse, ct))));
    }

    private ExitCode Generate(CliConsole console, ParseResult parse, CancellationToken ct)
    {
        var name = parse.GetValue(schema)!;
        if (name != CaseSurveillanceGenerator.SchemaName)
        {
            throw CliContext.Invalid($"--schema {name} has no generator; the one available is {CaseSurveillanceGenerator.SchemaName}.");
        }
        var count = parse.GetValue(rows);
        if (count < 0)
        {
            throw CliContext.Invalid("--rows must be 0 or more.");
        }
        var path = parse.GetValue(output)!;
        var s = parse.GetValue(seed);
        console.Error.WriteLine($"covid: writing {count.ToString("N0", CultureInfo.InvariantCulture)} SYNTHETIC rows in the {name} layout (seed {s}); generated, not CDC data.");
        var clock = Stopwatch.StartNew();
        if (path == "-")
        {
            CaseSurveillanceGenerator.Write(console.Out, count, s, null, ct);
            console.Out.Flush();
        }
        else
        {
            WriteFile(path, count, s, ct);
        }
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"covid: wrote {count:N0} synthetic rows{(path == "-" ? "" : " to " + path)} in {seconds:F1} s ({count / seconds:N0} rows/s); upload with --synthetic so the dataset is labelled as such."));
        return ExitCode.Success;
    }

    private static void WriteFile(string path, long count, ulong s, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The directory '{directory}' does not exist.");
        }
        var partial = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var writer = new StreamWriter(partial, append: false, new UTF8Encoding(false), bufferSize: 1 << 20))
            {
                CaseSurveillanceGenerator.Write(writer, count, s, null, ct);
            }
            File.Move(partial, full, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
