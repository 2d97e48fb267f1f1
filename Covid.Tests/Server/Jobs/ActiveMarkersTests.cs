using Covid.Server.Jobs;
using Covid.Server.Storage;
using Covid.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Covid.Tests.Server.Jobs;

/// <summary>The first markers of a fresh data directory, made by many submits at once.</summary>
public sealed class ActiveMarkersTests
{
    [Fact]
    public async Task Mark_ManyAtOnceInAFreshDataDirectory_EveryMarkerIsMade()
    {
        // The race is narrow (a thread finds no folder, another makes it before the first looks why), so it is run many times.
        for (var round = 0; round < 200; round++)
        {
            using var dir = new TempDirectory("covid-markers-");
            var markers = new ActiveMarkers(new DataLayout(Options.Create(new DataOptions { Directory = dir.Path })), NullLogger<ActiveMarkers>.Instance);
            var ids = Enumerable.Range(0, 8).Select(i => $"{round:x4}{i:x4}aaaaaaaaaaaa").ToList();
            using var start = new Barrier(ids.Count);
            await Task.WhenAll(ids.Select(id => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                markers.Mark(id);
            }, TaskCreationOptions.LongRunning)));
            Assert.Equal(ids.Order(StringComparer.Ordinal), markers.Ids().Order(StringComparer.Ordinal));
        }
    }
}
