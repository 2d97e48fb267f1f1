using Covid.SparkJob.Engine;
using Covid.SparkJob.Planning;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Engine;

/// <summary>One engine, one DuckDB database, a connection per analysis: concurrent runs stay apart.</summary>
[Collection(RealDataCollection.Name)]
public sealed class EmbeddedEngineSharingTests(RealData data)
{
    [Fact]
    public async Task RunAsync_SixteenAtOnceOnOneEngine_EachEqualsTheRunAlone()
    {
        using var engine = new EmbeddedEngine(new EmbeddedEngineOptions(Threads: 2, MemoryLimit: "1GB"));
        var plan = AnalysisPlanner.Plan(Specs.IssueExample(), data.Cases2021);
        var alone = await engine.RunAsync(EngineHarness.Job, plan, new EngineHarness.Recorder([]), CancellationToken.None);

        var together = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => engine.RunAsync(new AnalysisJob($"a{i}", () => true), plan, new EngineHarness.Recorder([]), CancellationToken.None))));

        Assert.True(alone.Rows.Count > 100);
        Assert.All(together, table => Assert.Equal(alone.Rows, table.Rows));
    }

    [Fact]
    public async Task RunAsync_AfterAnotherWasCancelled_StillRuns()
    {
        using var engine = new EmbeddedEngine();
        var plan = AnalysisPlanner.Plan(Specs.IssueExample(), data.Cases2021);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            engine.RunAsync(EngineHarness.Job, plan, new EngineHarness.Recorder([]), new CancellationToken(canceled: true)));
        var table = await engine.RunAsync(EngineHarness.Job, plan, new EngineHarness.Recorder([]), CancellationToken.None);

        Assert.NotEmpty(table.Rows);
    }
}
