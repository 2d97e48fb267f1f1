using System.Diagnostics;
using Covid.SparkJob.Engine;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;
using Covid.Tests.Support;
using DuckDB.NET.Data;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Tests.Core.Engine;

/// <summary>A query over ~1 billion rows: long enough to watch DuckDB's progress and to cancel it mid-scan.</summary>
public sealed class EmbeddedEngineCancellationTests : IDisposable
{
    private const int BaseRows = 5_000_000;
    private const int Copies = 200;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunAsync_CancelledMidScan_StopsPromptlyWithOperationCanceled()
    {
        var plan = AnalysisPlanner.Plan(Specs.IssueExample(), new TestDatasets(TestDatasets.Info(BuildLargeDataset())));
        var events = new List<EngineProgress>();
        var scanning = new TaskCompletionSource();
        var sink = new Watcher(events, scanning);
        using var cts = new CancellationTokenSource();

        var run = new EmbeddedEngine().RunAsync(EngineHarness.Job, plan, sink, cts.Token);
        // DuckDB's own progress must show the scan under way before we cancel it.
        await scanning.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed} to stop");
        lock (events)
        {
            Assert.DoesNotContain(events, e => e.Stage == Stage.Aggregating);
            var scan = events.Last(e => e.Stage == Stage.Scanning);
            Assert.InRange(scan.RowsScanned, 1, (long)BaseRows * Copies - 1);
            Assert.Contains($"of {(long)BaseRows * Copies:N0} rows", scan.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_AlreadyCancelled_ThrowsBeforeRunning()
    {
        var plan = AnalysisPlanner.Plan(Specs.WeeklyCases(), TestDatasets.CasesDeaths(_dir.File("missing.parquet")));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new EmbeddedEngine().RunAsync(EngineHarness.Job, plan, new EngineHarness.Recorder([]), new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task RunAsync_ParquetMissing_SaysWhichDatasetLostItsFile()
    {
        var plan = AnalysisPlanner.Plan(Specs.WeeklyCases(), TestDatasets.CasesDeaths(_dir.File("gone.parquet")));

        var error = await Assert.ThrowsAsync<FileNotFoundException>(
            () => new EmbeddedEngine().RunAsync(EngineHarness.Job, plan, new EngineHarness.Recorder([]), CancellationToken.None));

        Assert.Contains("dataset 'cdc-cases-deaths-by-state' is missing", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One Parquet file of synthetic rows, and a glob over many links to it, so the scan is long but the disk use small.</summary>
    private string BuildLargeDataset()
    {
        var file = _dir.File("base.parquet");
        using (var connection = new DuckDBConnection("DataSource=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                COPY (
                  SELECT DATE '2020-01-22' + CAST(i % 495 AS INTEGER) AS submission_date,
                         (['NY', 'NYC', 'NJ', 'CA', 'TX', 'PR'])[CAST(i % 6 AS INTEGER) + 1] AS state,
                         CAST(i % 1000 AS BIGINT) AS new_case,
                         CAST(i % 7 AS BIGINT) AS new_death
                  FROM range({BaseRows}) t(i)
                ) TO '{file}' (FORMAT parquet)
                """;
            command.ExecuteNonQuery();
        }
        var links = Directory.CreateDirectory(_dir.File("links")).FullName;
        for (var i = 0; i < Copies; i++)
        {
            File.CreateSymbolicLink(Path.Combine(links, $"part-{i:D3}.parquet"), file);
        }
        return Path.Combine(links, "*.parquet");
    }

    private sealed class Watcher(List<EngineProgress> events, TaskCompletionSource scanning) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value)
        {
            lock (events)
            {
                events.Add(value);
            }
            if (value is { Stage: Stage.Scanning, RowsScanned: > 0 })
            {
                scanning.TrySetResult();
            }
        }
    }
}
