using System.Text;

namespace Covid.Bench;

/// <summary>
/// State-shaped CSVs of any size: the real 9mfq-cb36 export's header and then its data lines
/// repeated, byte for byte, until the file has the rows (or the bytes) asked for. Real cells, real
/// widths; only the repetition is made up.
/// </summary>
internal static class StateFiles
{
    public static string Rows(string real, long rows, string directory) =>
        Write(real, Path.Combine(directory, $"state-{rows}.csv"), (written, _) => written < rows);

    public static string Bytes(string real, long bytes, string directory) =>
        Write(real, Path.Combine(directory, $"state-{bytes}b.csv"), (_, length) => length < bytes);

    private static string Write(string real, string path, Func<long, long, bool> more)
    {
        var lines = File.ReadAllLines(real);
        var data = lines.Skip(1).Where(l => l.Length > 0).Select(l => Encoding.UTF8.GetBytes(l + "\n")).ToArray();
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        file.Write(Encoding.UTF8.GetBytes(lines[0] + "\n"));
        for (long written = 0; more(written, file.Length); written++)
        {
            file.Write(data[written % data.Length]);
        }
        return path;
    }
}
