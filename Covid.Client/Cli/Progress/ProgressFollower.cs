using Grpc.Core;

namespace Covid.Cli.Progress;

/// <summary>
/// Follows an analysis' progress to its end, resuming after the last step seen when the
/// connection drops, so a long run survives a blip instead of failing with it.
/// </summary>
internal static class ProgressFollower
{
    private const int MaxReconnects = 5;

    /// <summary>Calls <paramref name="onUpdate"/> for each step once, in order; returns the last, or null if none came.</summary>
    public static async Task<ProgressUpdate?> FollowAsync(CovidClient client, string name, long afterSequence, Action<ProgressUpdate> onUpdate, CancellationToken cancellationToken)
    {
        ProgressUpdate? last = null;
        var failures = 0;
        while (true)
        {
            try
            {
                await foreach (var update in client.WatchAsync(name, last?.Sequence ?? afterSequence, cancellationToken))
                {
                    if (last is not null && update.Sequence <= last.Sequence)
                    {
                        continue;
                    }

                    last = update;
                    failures = 0;
                    onUpdate(update);
                }

                return last;
            }
            catch (CovidException e) when (e.StatusCode == StatusCode.Unavailable && ++failures <= MaxReconnects)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * (1 << failures)), cancellationToken);
            }
        }
    }
}
