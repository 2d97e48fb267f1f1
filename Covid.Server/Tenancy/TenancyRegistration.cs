using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Covid.Server.Tenancy;

/// <summary>Who owns what: callers, quotas per principal, the audit log.</summary>
public static class TenancyRegistration
{
    public static IServiceCollection AddTenancy(this IServiceCollection services)
    {
        services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.Section)
            .Validate(o => o.MaxActiveAnalyses >= 1, "Quotas:MaxActiveAnalyses must be at least 1")
            .Validate(o => o.MaxUploadsInFlight >= 1, "Quotas:MaxUploadsInFlight must be at least 1")
            .Validate(o => o.MaxStoredBytes >= 1, "Quotas:MaxStoredBytes must be positive")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLog>();
        services.AddSingleton<UploadSlots>();
        return services;
    }
}
