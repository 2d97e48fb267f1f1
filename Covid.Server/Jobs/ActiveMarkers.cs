using Covid.Server.Storage;

namespace Covid.Server.Jobs;

/// <summary>
/// analyses/.active/: a marker per analysis that is queued ({id}) or running ({id}.running), so
/// start-up recovers what must run again by listing this folder (a handful of names) instead of
/// every analysis folder, and can take calls before the finished history is loaded.
/// </summary>
/// <remarks>
/// <para>
/// A marker is made right after the analysis' QUEUED save, renamed when it starts to run (that
/// rename is how RUNNING is stored: nothing is written again until the analysis ends, into outcome.json),
/// and removed once it finished and its line is in <see cref="FinishedLog"/>. A crash before a
/// marker is made leaves a QUEUED analysis.json without one, which the folder scan right after
/// start finds and queues again, as it does for a marker lost to a machine crash (markers are not
/// flushed, as RUNNING never was).
/// </para>
/// <para>
/// A marker is a second name of the QUEUED analysis.json (<see cref="HardLink"/>), or an empty file
/// where the file system makes no links. Files are what an analysis costs beyond its query: on an
/// ext4 without a journal (this machine's disk; some nodes' local disks) every allocation skips,
/// one by one, the inodes freed in the last minutes. A link and its renames allocate and free no
/// inode, and an analysis frees none: its end is written beside its QUEUED analysis.json
/// (DataLayout.OutcomeFile), so removing the marker leaves that file its one name.
/// </para>
/// </remarks>
public sealed class ActiveMarkers(DataLayout layout, ILogger<ActiveMarkers> logger)
{
    public const string DirectoryName = ".active";

    /// <summary>The suffix of a running analysis' marker.</summary>
    public const string RunningSuffix = ".running";

    private string Root => Path.Combine(layout.AnalysesRoot, DirectoryName);

    /// <summary>
    /// Marks an analysis QUEUED after its QUEUED save (its first, or start-up queueing it again, which
    /// also drops the RUNNING marker of the run a stop cut short).
    /// </summary>
    /// <exception cref="IOException">No marker could be made.</exception>
    public void MarkQueued(string id)
    {
        DeleteIfThere(Path.Combine(Root, id + RunningSuffix));
        Make(id, Path.Combine(Root, id));
    }

    /// <summary>Records that the analysis started: its QUEUED marker renamed (made anew if it is gone).</summary>
    /// <exception cref="IOException">The start could not be recorded.</exception>
    public void MarkRunning(string id)
    {
        var running = Path.Combine(Root, id + RunningSuffix);
        try
        {
            File.Move(Path.Combine(Root, id), running, overwrite: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Removed behind the server's back, or .active/ with it.
            Make(id, running);
        }
    }

    /// <summary>Never fails: a marker left behind is read once more at the next start, and removed then.</summary>
    public void Unmark(string id)
    {
        foreach (var name in (string[])[id, id + RunningSuffix])
        {
            try
            {
                DeleteIfThere(Path.Combine(Root, name));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("Could not remove the active marker {Marker}: {Message}", name, ex.Message);
            }
        }
    }

    /// <summary>The analyses marked, and whether each had started: those queued or running when the server last stopped.</summary>
    public Dictionary<string, bool> Marked()
    {
        var marked = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (!Directory.Exists(Root))
        {
            return marked;
        }
        foreach (var name in Directory.EnumerateFiles(Root).Select(Path.GetFileName).OfType<string>())
        {
            var running = name.EndsWith(RunningSuffix, StringComparison.Ordinal);
            var id = running ? name[..^RunningSuffix.Length] : name;
            if (AnalysisNames.IsValidId(id))
            {
                marked[id] = running || marked.GetValueOrDefault(id);
            }
        }
        return marked;
    }

    private void Make(string id, string marker)
    {
        var analysisFile = layout.AnalysisFilePath(id, DataLayout.AnalysisFile);
        var made = HardLink.TryCreate(analysisFile, marker);
        if (made == HardLink.Outcome.Missing && !Directory.Exists(Root))
        {
            // The first marker of this data directory (or .active/ was removed since): made once, not per analysis.
            Directory.CreateDirectory(Root);
            made = HardLink.TryCreate(analysisFile, marker);
        }
        if (made is HardLink.Outcome.Missing or HardLink.Outcome.Unsupported)
        {
            // No analysis.json to name (only start-up's tests make one so), or no links here: an empty file says the same.
            try
            {
                CreateEmpty(marker);
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or FileNotFoundException)
            {
                // .NET reports a missing folder as FileNotFound when another thread made it in the meantime.
                Directory.CreateDirectory(Root);
                CreateEmpty(marker);
            }
        }
        // Exists: marked already (start-up queueing it again), and a marker's content is never read.
    }

    /// <summary>Opened, never truncated: a marker already there may be a second name of an analysis.json.</summary>
    private static void CreateEmpty(string path) => File.Open(path, FileMode.OpenOrCreate, FileAccess.Write).Dispose();

    private static void DeleteIfThere(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
