extern alias cli;
using cli::Covid.Cli.Generation;

namespace Covid.Tests.Support.Cdc;

/// <summary>Synthetic case rows parsed back into cells (quoted cells unquoted), for checking what the generator wrote.</summary>
internal static class GeneratedRows
{
    public static string Text(long rows, ulong seed)
    {
        var writer = new StringWriter();
        CaseSurveillanceGenerator.Write(writer, rows, seed);
        return writer.ToString();
    }

    public static List<string[]> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(Split).ToList();

    /// <summary>Splits one line of RFC 4180 CSV without embedded line breaks.</summary>
    public static string[] Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }
}
