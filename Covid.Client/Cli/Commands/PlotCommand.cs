using System.CommandLine;

namespace Covid.Cli.Commands;

/// <summary>covid plot NAME FILE.png: save a succeeded analysis' chart.</summary>
internal sealed class PlotCommand : Command
{
    private readonly Argument<string> name = CliOptions.AnalysisName();
    private readonly Argument<string> file = new("file") { Description = "The PNG file to write (replaced atomically)." };

    public PlotCommand(CliContext context)
        : base("plot", "Save the PNG chart of a succeeded analysis whose spec has a plot section.")
    {
        Add(name);
        Add(file);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var image = await client.SavePlotAsync(parse.GetValue(name)!, parse.GetValue(file)!, ct);
            context.Console.Error.WriteLine($"wrote {image.Path} ({image.Width}x{image.Height} px, {image.SizeBytes} bytes)");
            return ExitCode.Success;
        }));
    }
}
