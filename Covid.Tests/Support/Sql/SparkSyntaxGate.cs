using System.Diagnostics;
using System.Text.Json;

namespace Covid.Tests.Support.Sql;

/// <summary>
/// Runs Covid.Tests/SqlGate/dist/gate.cjs (dt-sql-parser's Spark grammar plus a Spark built-in
/// function check) over script files. The bundle exists after `npm ci && npm run build` there,
/// which .ci/run does; without it tests skip locally but fail when CI=true.
/// </summary>
internal static class SparkSyntaxGate
{
    public static string Directory => Path.Combine(CdcFiles.RepoRoot, "Covid.Tests", "SqlGate");

    public static string Bundle => Path.Combine(Directory, "dist", "gate.cjs");

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the gate can run; otherwise why not.</summary>
    public static string? Unavailable() => File.Exists(Bundle)
        ? null
        : $"the Spark SQL gate is not built ({Bundle} missing): run `npm ci && npm run build` in {Directory}";

    /// <summary>Errors per script, keyed by the script's name; an empty list means it parsed.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Check(IReadOnlyDictionary<string, string> scripts)
    {
        // Reached under CI=true even without the bundle (the attribute does not skip there): fail loudly.
        Assert.True(Unavailable() is null, Unavailable());
        using var dir = new TempDirectory("covid-sql-gate-");
        var files = new Dictionary<string, string>();
        var i = 0;
        foreach (var (name, sql) in scripts)
        {
            var file = dir.File($"{i++:D4}.sql");
            File.WriteAllText(file, sql);
            files[file] = name;
        }
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Bundle);
        foreach (var file in files.Keys)
        {
            start.ArgumentList.Add(file);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the Spark SQL gate took over 2 minutes");
        }
        Assert.True(process.ExitCode is 0 or 1, $"gate failed to run (exit {process.ExitCode}): {stderr.Result}");
        var result = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var file = doc.RootElement.GetProperty("file").GetString()!;
            result[files[file]] = doc.RootElement.GetProperty("errors").EnumerateArray()
                .Select(e => $"{e.GetProperty("line").GetInt32()}:{e.GetProperty("column").GetInt32()} {e.GetProperty("message").GetString()}")
                .ToList();
        }
        Assert.Equal(scripts.Count, result.Count);
        return result;
    }
}
