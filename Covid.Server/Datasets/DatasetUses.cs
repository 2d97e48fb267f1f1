using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;

namespace Covid.Server.Datasets;

/// <summary>
/// Which loaded datasets queued or running analyses read, counted per name, so a dataset cannot be
/// deleted from under them. A use is taken for the very load an analysis was planned on; one that
/// is no longer current (deleted, or replaced since) refuses the use, so the analysis is not queued
/// over files that are gone.
/// </summary>
public sealed class DatasetUses
{
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly HashSet<string> retiring = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Counts a use of <paramref name="planned"/> until the result is disposed.</summary>
    /// <param name="current">The load registered under the name now, if any.</param>
    public IDisposable Take(DatasetInfo planned, DatasetInfo? current)
    {
        lock (gate)
        {
            if (!ReferenceEquals(planned, current) || retiring.Contains(planned.Name))
            {
                throw ServiceException.FailedPrecondition(
                    $"dataset '{planned.Name}' was deleted or replaced while the analysis was being submitted; submit it again");
            }
            counts[planned.Name] = Count(planned.Name) + 1;
            return new Use(this, planned.Name);
        }
    }

    /// <summary>
    /// Marks <paramref name="name"/> as being deleted when nothing uses it, so no use can be taken
    /// until <see cref="EndRetiring"/>; otherwise returns how many uses there are.
    /// </summary>
    public int TryRetire(string name)
    {
        lock (gate)
        {
            var count = Count(name);
            if (count == 0)
            {
                retiring.Add(name);
            }
            return count;
        }
    }

    public void EndRetiring(string name)
    {
        lock (gate)
        {
            retiring.Remove(name);
        }
    }

    private int Count(string name) => counts.TryGetValue(name, out var n) ? n : 0;

    private void Release(string name)
    {
        lock (gate)
        {
            if (Count(name) <= 1)
            {
                counts.Remove(name);
            }
            else
            {
                counts[name]--;
            }
        }
    }

    private sealed class Use(DatasetUses owner, string name) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Release(name);
            }
        }
    }
}
