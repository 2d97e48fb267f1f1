using Spectre.Console;
using Progress = Covid.Client.Progress;

namespace Covid.Cli.Display;

/// <summary>
/// Shows progress on standard error while some work runs: a live Spectre.Console bar on a terminal
/// (stage and message, bar, percent, Spark tasks done/total, executors, elapsed), plain lines
/// otherwise (CI logs and pipes cannot redraw a bar).
/// </summary>
internal static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(CliConsole console, string title, Func<Action<Progress>, Task<T>> work)
    {
        if (!console.ErrorIsTerminal)
        {
            return await work(update => console.Error.WriteLine(ProgressLine.Format(update)));
        }

        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Error),
            Ansi = AnsiSupport.Detect,
            Interactive = InteractionSupport.Yes,
        });
        return await ansi.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new StepColumn(StepColumn.Tasks),
                new StepColumn(StepColumn.Executors),
                new ElapsedTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1.0);
                try
                {
                    return await work(update =>
                    {
                        task.Value = Math.Clamp(update.Fraction, 0, 1);
                        var message = update.Message.Length == 0 ? "" : ": " + update.Message;
                        task.Description = Markup.Escape($"{ProgressLine.Stage(update)}{message}");
                        StepColumn.Record(task, update);
                    });
                }
                finally
                {
                    task.StopTask();
                }
            });
    }
}
