using Covid.Server.Storage;

namespace Covid.Server.Jobs;

/// <summary>
/// analyses/.active/: one empty file per analysis that is queued or running, so start-up recovers
/// what must run again by listing this folder (a handful of files) instead of every analysis
/// folder, and can take calls before the finished history is loaded. A marker is made before the
/// analysis' first save and removed once it finished and its line is in <see cref="FinishedLog"/>.
/// Markers are not flushed: one lost to a machine crash only means that analysis is found (and
/// queued again) by the full scan of the folders, which still runs right after start.
/// </summary>
public sealed class ActiveMarkers(DataLayout layout, ILogger<ActiveMarkers> logger)
{
    public const string DirectoryName = ".active";

    private string Root => Path.Combine(layout.AnalysesRoot, DirectoryName);

    /// <summary>Marks an analysis entering QUEUED (its first save, or start-up queueing it again): one file created, or emptied if it is there.</summary>
    public void Mark(string id)
    {
        var path = Path.Combine(Root, id);
        try
        {
            File.Create(path).Dispose();
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or FileNotFoundException)
        {
            // The first marker of this data directory (or .active/ was removed since): made once, not per analysis.
            // .NET reports a missing folder as FileNotFound when another thread made it in the meantime.
            Directory.CreateDirectory(Root);
            File.Create(path).Dispose();
        }
    }

    /// <summary>Never fails: a marker left behind is read once more at the next start, and removed then.</summary>
    public void Unmark(string id)
    {
        try
        {
            File.Delete(Path.Combine(Root, id));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not remove the active marker of analysis {Id}: {Message}", id, ex.Message);
        }
    }

    /// <summary>The ids marked: analyses that were queued or running when the server last stopped.</summary>
    public List<string> Ids() =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root).Select(Path.GetFileName).OfType<string>().Where(AnalysisNames.IsValidId).ToList()
            : [];
}
