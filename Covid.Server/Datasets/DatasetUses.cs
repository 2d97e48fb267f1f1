using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;

namespace Covid.Server.Datasets;

/// <summary>
/// Which dataset versions queued or running analyses read, counted per version, so none is
/// deleted or pruned from under them. A use is taken for the very version an analysis was planned
/// on; one that is no longer kept (deleted or pruned since) refuses the use, so the analysis is
/// not queued over files that are gone. Retiring (deleting a name, pruning a version) and taking a
/// use exclude each other: whichever comes first wins.
/// </summary>
public sealed class DatasetUses
{
    private readonly Dictionary<(string Name, int Version), int> counts = [];
    private readonly HashSet<(string Name, int Version)> retiringVersions = [];
    private readonly HashSet<string> retiringNames = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Counts a use of <paramref name="planned"/> until the result is disposed.</summary>
    /// <param name="current">The version kept under that name and number now, if any; asked under the lock, so a retirement cannot slip between.</param>
    public IDisposable Take(DatasetInfo planned, Func<DatasetInfo?> current)
    {
        var key = (planned.Name, planned.Version);
        lock (gate)
        {
            if (retiringNames.Contains(planned.Name) || retiringVersions.Contains(key) || !ReferenceEquals(planned, current()))
            {
                throw ServiceException.FailedPrecondition(
                    $"dataset '{planned.Name}' version {planned.Version} was deleted while the analysis was being submitted; submit it again");
            }
            counts[key] = Count(key) + 1;
            return new Use(this, key);
        }
    }

    /// <summary>Queued or running analyses reading version <paramref name="version"/> of <paramref name="name"/>.</summary>
    public int Count(string name, int version)
    {
        lock (gate)
        {
            return Count((name, version));
        }
    }

    /// <summary>
    /// Marks <paramref name="name"/> as being deleted when no version of it is used, so no use can
    /// be taken until <see cref="EndRetiring(string)"/>; otherwise returns how many uses there are.
    /// </summary>
    public int TryRetire(string name)
    {
        lock (gate)
        {
            var count = counts.Where(c => c.Key.Name == name).Sum(c => c.Value);
            if (count == 0)
            {
                retiringNames.Add(name);
            }
            return count;
        }
    }

    /// <summary>As <see cref="TryRetire(string)"/>, for one version being pruned.</summary>
    public int TryRetire(string name, int version)
    {
        lock (gate)
        {
            var count = Count((name, version));
            if (count == 0)
            {
                retiringVersions.Add((name, version));
            }
            return count;
        }
    }

    public void EndRetiring(string name)
    {
        lock (gate)
        {
            retiringNames.Remove(name);
        }
    }

    public void EndRetiring(string name, int version)
    {
        lock (gate)
        {
            retiringVersions.Remove((name, version));
        }
    }

    private int Count((string, int) key) => counts.TryGetValue(key, out var n) ? n : 0;

    private void Release((string, int) key)
    {
        lock (gate)
        {
            if (Count(key) <= 1)
            {
                counts.Remove(key);
            }
            else
            {
                counts[key]--;
            }
        }
    }

    private sealed class Use(DatasetUses owner, (string, int) key) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Release(key);
            }
        }
    }
}
