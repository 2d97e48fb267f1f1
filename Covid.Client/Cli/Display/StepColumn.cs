using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Progress = Covid.Client.Progress;

namespace Covid.Cli.Display;

/// <summary>
/// A column of the progress bar showing one count of the newest step: Spark tasks done/total, or
/// executors running. Empty while there is none (an embedded run has neither).
/// </summary>
internal sealed class StepColumn(string key) : ProgressColumn
{
    public const string Tasks = "tasks";
    public const string Executors = "executors";

    /// <summary>Keeps the step's counts on the task, where the columns read them at each redraw.</summary>
    public static void Record(ProgressTask task, Progress step)
    {
        task.State.Update<int>("tasksDone", _ => step.TasksCompleted);
        task.State.Update<int>(Tasks, _ => step.TasksTotal);
        task.State.Update<int>(Executors, _ => step.ExecutorsRunning);
    }

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        var count = task.State.Get<int>(key);
        var text = count <= 0 ? ""
            : key == Tasks ? string.Create(CultureInfo.InvariantCulture, $"tasks {task.State.Get<int>("tasksDone")}/{count}")
            : string.Create(CultureInfo.InvariantCulture, $"{count} executor{(count == 1 ? "" : "s")}");
        return new Text(text, new Style(Color.Grey));
    }
}
