using Covid.Server.Imports;
using Covid.Server.Storage;
using Covid.Server.Tenancy;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Microsoft.Extensions.Options;

namespace Covid.Server.Datasets;

/// <summary>Datasets: the registry analyses resolve names in, and the ways data comes in (upload, import, seed, in place).</summary>
public static class DatasetsRegistration
{
    public static IServiceCollection AddDatasets(this IServiceCollection services)
    {
        services.AddDataStorage();
        services.AddSingleton<DatasetUses>();
        services.AddSingleton<DatasetDirectoryReader>();
        services.AddSingleton<DatasetPruner>();
        services.AddSingleton<InPlaceVersions>();
        services.AddSingleton<DatasetVersionLister>();
        // Built (and every schema file validated) when the server starts: StartupService asks for it first.
        services.AddSingleton(sp => SchemaCatalog.Load(sp.GetRequiredService<IOptions<DataOptions>>().Value.SchemaDirectory));
        services.AddSingleton<DatasetRegistry>();
        services.AddSingleton<IDatasetLookup>(sp => sp.GetRequiredService<DatasetRegistry>());
        services.AddSingleton<ITenantDatasets>(sp => sp.GetRequiredService<DatasetRegistry>());
        services.AddTenancy();
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<OriginalCompressor>();
        services.AddHostedService(sp => sp.GetRequiredService<OriginalCompressor>());
        services.AddSingleton<DatasetStaging>();
        services.AddSingleton<DatasetUploader>();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section)
            .Validate(o => o.ImportHosts.Where(e => e.Trim().Length > 0).All(AllowedHost.IsValid),
                "Data:ImportHosts entries must be HOST, https://HOST[:PORT] or http://HOST[:PORT]")
            .ValidateOnStart();
        services.AddSingleton<ImportHostPolicy>();
        services.AddSingleton<ImportAddressGuard>();
        services.AddSingleton<GuardedImportClient>();
        services.AddSingleton<DatasetImporter>();
        services.AddSingleton<DatasetDeleter>();
        services.AddSingleton<DatasetSharing>();
        services.AddSingleton<InPlaceRegistration>();
        services.AddSingleton<DatasetSeeder>();
        return services;
    }
}
