using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Covid.Server.Hosting;

/// <summary>Healthy once the server can answer analyses (datasets loaded, analyses recovered).</summary>
public sealed class ReadinessHealthCheck(ServerReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy("datasets loaded")
            : HealthCheckResult.Unhealthy("loading datasets and recovering analyses"));
}
