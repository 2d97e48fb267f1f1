using System.Text.RegularExpressions;

namespace Covid.Server.Storage;

/// <summary>The data directory: <c>Data:*</c> and its layout, shared by datasets, analyses and the Spark engine.</summary>
public static partial class StorageRegistration
{
    public static IServiceCollection AddDataStorage(this IServiceCollection services)
    {
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Directory), "Data:Directory is required")
            .Validate(o => o.MaxUploadBytes > 0, "Data:MaxUploadBytes must be positive")
            .Validate(o => o.KeepVersions >= 1, "Data:KeepVersions must be at least 1")
            .Validate(o => o.ConversionMemoryLimit is not null && DuckDbSize().IsMatch(o.ConversionMemoryLimit), "Data:ConversionMemoryLimit must be a size such as 256MB or 1GiB")
            .ValidateOnStart();
        services.AddSingleton<DataLayout>();
        return services;
    }

    [GeneratedRegex(@"^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", RegexOptions.IgnoreCase)]
    private static partial Regex DuckDbSize();
}
