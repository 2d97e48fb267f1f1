using Covid.Server.Storage;
using Covid.Server.Tenancy;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Samples;
using Microsoft.Extensions.Options;

namespace Covid.Server.Datasets;

/// <summary>
/// Makes sure the built-in dataset exists at start: from <c>Data:Seed</c> when given (a real CDC
/// export), otherwise from the generated CDC-format sample, which is marked synthetic so no one
/// mistakes its numbers for CDC's. A seed file whose bytes no kept version has (the operator
/// pointed Data:Seed at a newer export) is loaded as the dataset's next version.
/// </summary>
public sealed class DatasetSeeder(DatasetStaging staging, DatasetRegistry registry, SchemaCatalog catalog, IOptions<DataOptions> options, ILogger<DatasetSeeder> logger)
{
    public static string Name => CasesDeathsSample.SchemaName;

    private static DatasetWrite BuiltIn => new(Name, Caller.System, Replace: true);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var loaded = registry.Versions(Name);
        if (loaded.Count > 0)
        {
            registry.MarkBuiltIn(Name);
        }
        var schema = catalog.Get(CasesDeathsSample.SchemaName);
        if (options.Value.Seed is { Length: > 0 } seed)
        {
            var path = Path.GetFullPath(seed);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Data:Seed names {path}, which does not exist", path);
            }
            var sha256 = await DatasetProvenance.Sha256Async(path, cancellationToken);
            // A version stored before hashes existed is taken to be this file when its name matches.
            if (loaded.Any(v => v.Sha256 == sha256 || (v.Sha256.Length == 0 && v.Source == "file:" + Path.GetFileName(path))))
            {
                return;
            }
            logger.LogInformation("Loading dataset {Name} version {Version} from {Path}", Name, loaded.Count == 0 ? 1 : loaded[^1].Version + 1, path);
            // The source names the file only: where the server's files lie is not for clients to read.
            await staging.LoadAsync(BuiltIn, schema, (target, ct) => CopyAsync(path, target, ct), "file:" + Path.GetFileName(path),
                synthetic: false, cancellationToken);
            return;
        }
        if (loaded.Count > 0)
        {
            return;
        }
        logger.LogInformation("No Data:Seed given: loading dataset {Name} from the generated CDC-format SYNTHETIC sample", Name);
        await staging.LoadAsync(BuiltIn, schema, WriteSampleAsync, "sample", synthetic: true, cancellationToken);
    }

    private static async Task CopyAsync(string source, Stream target, CancellationToken cancellationToken)
    {
        await using var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        await from.CopyToAsync(target, 1 << 20, cancellationToken);
    }

    private static async Task WriteSampleAsync(Stream target, CancellationToken cancellationToken)
    {
        // UTF-8 without a byte order mark, left open: the staging closes the intake.
        await using var writer = new StreamWriter(target, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        CasesDeathsSample.Write(writer);
        await writer.FlushAsync(cancellationToken);
    }
}
