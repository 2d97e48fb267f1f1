using System.CommandLine;
using Covid.Cli.Formatting;
using Covid.Cli.Display;

namespace Covid.Cli.Commands;

/// <summary>covid watch NAME: print an analysis' progress lines until it ends; the exit code tells how it ended.</summary>
internal sealed class WatchCommand : Command
{
    private readonly Argument<string> name = CliOptions.AnalysisName();
    private readonly Option<long> after = new("--after") { Description = "Only steps after this sequence number (0 = from the start).", DefaultValueFactory = _ => 0 };

    public WatchCommand(CliContext context)
        : base("watch", "Print an analysis' progress on stdout until it ends; exit 0 if it succeeded, 1 if it failed or was cancelled.")
    {
        Add(name);
        Add(after);
        SetAction((parse, ct) => context.RunAsync(parse, ct, async client =>
        {
            var analysis = parse.GetValue(name)!;
            var output = context.Console.Out;
            var handle = client.GetHandle(analysis);
            await foreach (var step in handle.ProgressAsync(parse.GetValue(after), ct))
            {
                output.WriteLine(ProgressLine.Format(step));
                output.Flush();
            }
            var info = await handle.GetAsync(ct);
            var reason = info.FailureReason is null ? "" : ": " + info.FailureReason;
            output.WriteLine($"{info.Name} {Names.Of(info.State)}{reason}");
            return info.State.IsTerminal() ? ExitCodes.From(info.State) : ExitCode.Unavailable;
        }));
    }
}
