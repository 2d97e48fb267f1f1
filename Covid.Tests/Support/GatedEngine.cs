using Covid.SparkJob.Engine;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using Covid.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Covid.Tests.Support;

/// <summary>
/// Wraps the real engine and holds every run at a gate until the test opens it, so a test knows an
/// analysis is RUNNING (inside the engine) when it acts. Honours cancellation while waiting.
/// </summary>
public sealed class GatedEngine(IAnalysisEngine inner) : IAnalysisEngine
{
    private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim entered = new(0);

    public int Runs;

    /// <summary>For <see cref="ServerHostOptions.Customize"/>: this engine in place of the embedded one, around the real one.</summary>
    public Action<WebApplicationBuilder> Customize => builder =>
        builder.Services.AddKeyedSingleton<IAnalysisEngine>(AnalysisSpec.Types.Engine.Embedded, (_, _) => this);

    public async Task<ResultTable> RunAsync(AnalysisJob job, AnalysisPlan plan, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Runs);
        entered.Release();
        await gate.Task.WaitAsync(cancellationToken);
        return await inner.RunAsync(job, plan, progress, cancellationToken);
    }

    /// <summary>Waits (bounded by the token) until a run has reached the gate.</summary>
    public Task WaitEnteredAsync(CancellationToken cancellationToken) => entered.WaitAsync(cancellationToken);

    public void Open() => gate.TrySetResult();
}
