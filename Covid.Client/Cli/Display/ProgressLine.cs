using System.Globalization;
using Covid.Cli.Formatting;

namespace Covid.Cli.Display;

/// <summary>A progress step as one plain line, "[scanning] 42% read 12000 of 29700 rows", for logs and pipes.</summary>
internal static class ProgressLine
{
    public static string Format(Progress update)
    {
        var percent = (int)Math.Floor(Math.Clamp(update.Fraction, 0, 1) * 100);
        var text = string.Create(CultureInfo.InvariantCulture, $"[{Stage(update)}] {percent}%");
        return update.Message.Length == 0 ? text : text + " " + update.Message;
    }

    public static string Stage(Progress update) => Names.Of(update.Stage).ToLowerInvariant();
}
