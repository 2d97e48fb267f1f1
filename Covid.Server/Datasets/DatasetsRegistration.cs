using Covid.Server.Storage;
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
        // Built (and every schema file validated) when the server starts: StartupService asks for it first.
        services.AddSingleton(sp => SchemaCatalog.Load(sp.GetRequiredService<IOptions<DataOptions>>().Value.SchemaDirectory));
        services.AddSingleton<DatasetRegistry>();
        services.AddSingleton<IDatasetLookup>(sp => sp.GetRequiredService<DatasetRegistry>());
        services.AddSingleton<DatasetStaging>();
        services.AddSingleton<DatasetUploader>();
        services.AddSingleton<DatasetImporter>();
        services.AddSingleton<InPlaceRegistration>();
        services.AddSingleton<DatasetSeeder>();
        return services;
    }
}
