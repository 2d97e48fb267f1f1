using System.Runtime.CompilerServices;
using Grpc.Core;

namespace Covid.Client;

/// <summary>
/// One analysis on the server, to follow and collect: <see cref="ProgressAsync"/> streams its
/// progress (resuming after a dropped connection), <see cref="WaitAsync"/> waits for its end,
/// <see cref="GetResultAsync"/> and <see cref="SavePlotAsync"/> wait and then fetch, and
/// <see cref="CancelAsync"/> stops it. From <see cref="CovidClient.SubmitAsync(AnalysisSpec, string?, bool, CancellationToken)"/>
/// or <see cref="CovidClient.GetHandle"/>.
/// </summary>
public sealed class AnalysisHandle
{
    private readonly CovidClient client;

    internal AnalysisHandle(CovidClient client, string name)
    {
        this.client = client;
        Name = name;
    }

    internal AnalysisHandle(CovidClient client, AnalysisInfo submitted)
        : this(client, submitted.Name) => Submitted = submitted;

    /// <summary>"analyses/{id}".</summary>
    public string Name { get; }

    /// <summary>The analysis as the submit returned it (state QUEUED); null for a handle made by name.</summary>
    public AnalysisInfo? Submitted { get; }

    /// <summary>The analysis as it is now.</summary>
    public Task<AnalysisInfo> GetAsync(CancellationToken cancellationToken = default) => client.GetAsync(Name, cancellationToken);

    /// <summary>
    /// Its progress: the steps after <paramref name="afterSequence"/> (0 = all), then new ones live,
    /// ending with the step that finishes it. A dropped connection or a restarting server does not
    /// end the enumeration: it resumes after the last step seen, so every step comes once, in order.
    /// </summary>
    /// <exception cref="NotFoundException">No such analysis.</exception>
    /// <exception cref="CovidException">The server stayed unreachable for all of <see cref="CovidClientOptions.Retry"/>'s attempts.</exception>
    public async IAsyncEnumerable<Progress> ProgressAsync(long afterSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = afterSequence;
        var failures = 0;
        var retry = client.Retry;
        while (true)
        {
            var stream = client.StreamProgressAsync(Name, last, cancellationToken).GetAsyncEnumerator(cancellationToken);
            var ended = false;
            try
            {
                while (true)
                {
                    Progress step;
                    try
                    {
                        if (!await stream.MoveNextAsync().ConfigureAwait(false))
                        {
                            ended = true;
                            break;
                        }
                        step = stream.Current;
                    }
                    catch (CovidException e) when (Dropped(e) && ++failures < retry.MaxAttempts)
                    {
                        break;
                    }
                    if (step.Sequence <= last)
                    {
                        continue;
                    }
                    last = step.Sequence;
                    failures = 0;
                    yield return step;
                    if (step.State.IsTerminal())
                    {
                        yield break;
                    }
                }
            }
            finally
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            // The stream ended without the last step (a server going down) or broke: resume after what came.
            if (ended && (await GetAsync(cancellationToken).ConfigureAwait(false)).State.IsTerminal())
            {
                yield break;
            }
            await Task.Delay(retry.Backoff(Math.Max(2, failures + 1)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the analysis to end and returns it, succeeded.</summary>
    /// <exception cref="AnalysisFailedException">It ended FAILED or CANCELLED.</exception>
    public async Task<AnalysisInfo> WaitAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var _ in ProgressAsync(0, cancellationToken).ConfigureAwait(false))
        {
        }
        var final = await GetAsync(cancellationToken).ConfigureAwait(false);
        return final.State == AnalysisState.Succeeded ? final : throw new AnalysisFailedException(final);
    }

    /// <summary>Waits for the analysis to succeed, then fetches its result table.</summary>
    /// <exception cref="AnalysisFailedException">It ended FAILED or CANCELLED.</exception>
    public async Task<AnalysisResult> GetResultAsync(CancellationToken cancellationToken = default)
    {
        await WaitAsync(cancellationToken).ConfigureAwait(false);
        return await client.GetResultAsync(Name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for the analysis to succeed, then writes its PNG chart to <paramref name="path"/> (atomically).</summary>
    /// <exception cref="AnalysisFailedException">It ended FAILED or CANCELLED.</exception>
    /// <exception cref="CovidException">Its spec has no plot section (FailedPrecondition).</exception>
    public async Task<PlotImage> SavePlotAsync(string path, CancellationToken cancellationToken = default)
    {
        await WaitAsync(cancellationToken).ConfigureAwait(false);
        return await client.SavePlotAsync(Name, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the analysis if it is queued or running and returns it as it is then.</summary>
    public Task<AnalysisInfo> CancelAsync(CancellationToken cancellationToken = default) => client.CancelAsync(Name, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>A stream cut under us (connection lost, server restarting), not an answer about the analysis.</summary>
    private static bool Dropped(CovidException e) => e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown;
}
