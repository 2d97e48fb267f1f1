using System.Globalization;
using System.Text;

namespace Covid.Tests.Support.Faults;

/// <summary>The fault harness' figures, and each problem it found, by the analysis or dataset it concerns.</summary>
internal sealed class FaultReport
{
    public int Trials { get; set; }

    public int Kills { get; set; }

    public int DiskFullKills { get; set; }

    public int Terminations { get; set; }

    public TimeSpan LongestTermination { get; set; }

    public int AcknowledgedAnalyses { get; set; }

    public int AcknowledgedUploads { get; set; }

    public HashSet<string> Lost { get; } = [];

    public HashSet<string> Stuck { get; } = [];

    public HashSet<string> Wrong { get; } = [];

    public List<string> Problems { get; } = [];

    public void Problem(HashSet<string> kind, string subject, string what)
    {
        if (kind.Add(subject))
        {
            Problems.Add($"{subject}: {what}");
        }
    }

    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine("| trials | SIGKILL | of them with the disk full | SIGTERM (longest exit) | acknowledged analyses | acknowledged uploads | lost | stuck | wrong |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {Trials} | {Kills + DiskFullKills} | {DiskFullKills} | {Terminations} ({LongestTermination.TotalSeconds:0.0} s) | {AcknowledgedAnalyses} | {AcknowledgedUploads} | {Lost.Count} | {Stuck.Count} | {Wrong.Count} |"));
        foreach (var problem in Problems.Take(50))
        {
            text.AppendLine().Append("- ").Append(problem);
        }
        return text.ToString();
    }
}
