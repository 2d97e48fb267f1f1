using Covid.Server.Jobs;
using Covid.Server.Storage;
using Covid.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Covid.Tests.Server.Jobs;

/// <summary>The markers of queued and running analyses in analyses/.active/.</summary>
public sealed class ActiveMarkersTests
{
    [Fact]
    public async Task MarkQueued_ManyAtOnceInAFreshDataDirectory_EveryMarkerIsMade()
    {
        // The race is narrow (a thread finds no folder, another makes it before the first looks why), so it is run many times.
        for (var round = 0; round < 200; round++)
        {
            using var dir = new TempDirectory("covid-markers-");
            var markers = Markers(dir.Path);
            var ids = Enumerable.Range(0, 8).Select(i => $"{round:x4}{i:x4}aaaaaaaaaaaa").ToList();
            using var start = new Barrier(ids.Count);
            await Task.WhenAll(ids.Select(id => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                markers.MarkQueued(id);
            }, TaskCreationOptions.LongRunning)));
            Assert.Equal(ids.Order(StringComparer.Ordinal), markers.Marked().Keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void MarkQueued_AfterTheQueuedSave_IsASecondNameOfThatAnalysisJson()
    {
        using var dir = new TempDirectory("covid-markers-");
        var layout = Layout(dir.Path);
        const string id = "0123456789abcdef0123";
        var analysisFile = layout.AnalysisFilePath(id, DataLayout.AnalysisFile);
        AtomicFile.WriteText(analysisFile, "{\"state\":\"QUEUED\"}");

        Markers(dir.Path).MarkQueued(id);
        // A later QUEUED save (start-up queueing it again) replaces analysis.json by a rename: the marker keeps the first file's inode.
        AtomicFile.WriteText(analysisFile, "{\"state\":\"QUEUED\",\"progress\":{}}");

        var marker = Path.Combine(layout.AnalysesRoot, ActiveMarkers.DirectoryName, id);
        // A link, not a copy and not an empty file: the content of the file it was made from.
        Assert.Equal("{\"state\":\"QUEUED\"}", File.ReadAllText(marker));
    }

    [Fact]
    public void MarkRunning_ThenUnmark_MarkedSaysStartedThenNothing()
    {
        using var dir = new TempDirectory("covid-markers-");
        var markers = Markers(dir.Path);
        const string queued = "0123456789abcdef0001", running = "0123456789abcdef0002", lost = "0123456789abcdef0003";
        markers.MarkQueued(queued);
        markers.MarkQueued(running);
        markers.MarkRunning(running);
        // A marker removed behind the server's back: the start is still recorded.
        markers.MarkRunning(lost);

        Assert.Equal(new Dictionary<string, bool> { [queued] = false, [running] = true, [lost] = true }, markers.Marked());
        var root = Path.Combine(Layout(dir.Path).AnalysesRoot, ActiveMarkers.DirectoryName);
        Assert.Equal([running + ActiveMarkers.RunningSuffix], Directory.GetFiles(root, running + "*").Select(Path.GetFileName));

        // Queued again by a restart: the RUNNING marker goes.
        markers.MarkQueued(running);
        Assert.False(markers.Marked()[running]);
        foreach (var id in (string[])[queued, running, lost])
        {
            markers.Unmark(id);
        }
        Assert.Empty(markers.Marked());
        Assert.Empty(Directory.GetFiles(root));
    }

    private static DataLayout Layout(string directory) => new(Options.Create(new DataOptions { Directory = directory }));

    private static ActiveMarkers Markers(string directory) => new(Layout(directory), NullLogger<ActiveMarkers>.Instance);
}
