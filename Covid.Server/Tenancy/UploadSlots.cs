using System.Collections.Concurrent;
using Covid.SparkJob.Errors;
using Microsoft.Extensions.Options;

namespace Covid.Server.Tenancy;

/// <summary>Counts each principal's uploads and imports in flight, against <c>Quotas:MaxUploadsInFlight</c>.</summary>
public sealed class UploadSlots(IOptions<QuotaOptions> options)
{
    private readonly ConcurrentDictionary<string, int> inFlight = new(StringComparer.Ordinal);

    /// <summary>Takes a slot until the result is disposed; RESOURCE_EXHAUSTED when none is free.</summary>
    public IDisposable Acquire(Caller caller)
    {
        var limit = options.Value.MaxUploadsInFlight;
        var count = inFlight.AddOrUpdate(caller.Principal, 1, (_, n) => n + 1);
        if (count > limit)
        {
            Release(caller.Principal);
            throw ServiceException.ResourceExhausted(
                $"{caller.Principal} already has {limit} {(limit == 1 ? "upload or import" : "uploads or imports")} in flight, the most one principal may have (Quotas:MaxUploadsInFlight); wait for one to finish");
        }
        return new Slot(this, caller.Principal);
    }

    private void Release(string principal) => inFlight.AddOrUpdate(principal, 0, (_, n) => n - 1);

    private sealed class Slot(UploadSlots owner, string principal) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Release(principal);
            }
        }
    }
}
