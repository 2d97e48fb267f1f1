using System.Threading.RateLimiting;
using Covid.Server.Auth;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Covid.Server.Grpc;

/// <summary>
/// ASP.NET Core rate limiting, one token bucket per principal (per remote address before a
/// principal is known, which also slows the guessing of keys); grpc.health.v1 is never limited.
/// A refusal is RESOURCE_EXHAUSTED naming the limit.
/// </summary>
public static class GrpcRateLimiting
{
    public static IServiceCollection AddCovidRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(CallLimitOptions.Section).Get<CallLimitOptions>() ?? new CallLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => PartitionOf(context) is { } key
                ? RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.RequestBurst,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1) / limits.RequestsPerMinute,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (rejected, _) => new ValueTask(GrpcStatusResponse.WriteAsync(rejected.HttpContext.Response, StatusCode.ResourceExhausted,
                $"too many requests from {PartitionOf(rejected.HttpContext)}: this server allows {limits.RequestsPerMinute} a minute " +
                $"(Limits:RequestsPerMinute) with bursts of {limits.RequestBurst} (Limits:RequestBurst); slow down and retry"));
        });
        return services;
    }

    private static string? PartitionOf(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/grpc.health.v1.Health"))
        {
            return null;
        }
        return context.User.FindFirst(CovidClaims.Principal)?.Value is { } principal
            ? principal
            : "address " + context.Connection.RemoteIpAddress;
    }
}
