using System.Text.Json;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;

namespace Covid.SparkJob.Spark;

/// <summary>
/// Reads what <c>INSERT OVERWRITE DIRECTORY … USING json</c> wrote: JSON-lines part files,
/// complete only once Spark's committer has written <c>_SUCCESS</c>. Part files hold the rows in
/// no particular order across files, so the plan's order and limit are applied again here.
/// </summary>
public static class SparkResultReader
{
    public const string SuccessMarker = "_SUCCESS";

    /// <summary>
    /// Whether Spark committed a result there. The parent directory (and the result directory, once
    /// it exists) is listed first: an NFS client may answer a lookup from its cache of "no such
    /// file" for up to a minute, and a directory listing makes it ask the server again.
    /// </summary>
    public static bool IsComplete(string resultDirectory)
    {
        var full = Path.GetFullPath(resultDirectory);
        foreach (var directory in new[] { Path.GetDirectoryName(full), full })
        {
            if (directory is not null && Directory.Exists(directory))
            {
                using var entries = Directory.EnumerateFileSystemEntries(directory).GetEnumerator();
                while (entries.MoveNext())
                {
                }
            }
        }
        return File.Exists(Path.Combine(full, SuccessMarker));
    }

    public static ResultTable Read(AnalysisPlan plan, string resultDirectory)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!Directory.Exists(resultDirectory))
        {
            throw new InvalidOperationException($"Spark wrote no result directory at {resultDirectory}");
        }
        if (!IsComplete(resultDirectory))
        {
            throw new InvalidOperationException(
                $"Spark's result at {resultDirectory} is incomplete: it has no {SuccessMarker} marker, so the job did not commit");
        }
        var rows = new List<object?[]>();
        foreach (var file in Directory.EnumerateFiles(resultDirectory, "part-*").Where(IsJson).Order(StringComparer.Ordinal))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }
                try
                {
                    rows.Add(SparkJsonRow.Decode(line, plan.Columns));
                }
                catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
                {
                    throw new InvalidOperationException($"{Path.GetFileName(file)} line {lineNumber}: {ex.Message}", ex);
                }
            }
        }
        return new ResultTable(plan.Columns, ResultOrdering.Apply(plan, rows));
    }

    // Spark names them part-00000-<uuid>-c000.json; compressed output would end in .json.gz, which the plan never asks for.
    private static bool IsJson(string path) => path.EndsWith(".json", StringComparison.Ordinal);
}
