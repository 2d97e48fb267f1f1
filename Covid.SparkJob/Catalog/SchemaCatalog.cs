using System.Reflection;

namespace Covid.SparkJob.Catalog;

/// <summary>
/// The schemas datasets can be loaded with; specs may only name fields listed here. Built from the
/// schema files embedded in this assembly (Catalog/Schemas/*.json) plus, on a server, every *.json
/// in <c>Data:SchemaDirectory</c>, each validated when the catalog is made.
/// </summary>
public sealed class SchemaCatalog
{
    private const string ResourcePrefix = "schemas/";

    private static readonly Lazy<SchemaCatalog> BuiltInLazy = new(() => new SchemaCatalog(ReadBuiltIn()));

    public SchemaCatalog(IEnumerable<DatasetSchema> schemas)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        var all = new List<DatasetSchema>();
        foreach (var schema in schemas)
        {
            if (all.FirstOrDefault(s => s.Name == schema.Name) is { } first)
            {
                throw new SchemaFileException(schema.Source, "$.name", $"schema '{schema.Name}' is already defined by {first.Source}");
            }
            all.Add(schema);
        }
        All = all;
    }

    /// <summary>The built-in schemas only.</summary>
    public static SchemaCatalog BuiltIn => BuiltInLazy.Value;

    public IReadOnlyList<DatasetSchema> All { get; }

    public IEnumerable<string> Names => All.Select(s => s.Name);

    public DatasetSchema? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>The schema <paramref name="name"/>; for schemas the code itself relies on (the built-in seed).</summary>
    public DatasetSchema Get(string name) => Find(name) ?? throw new KeyNotFoundException($"no schema named '{name}' in the catalog");

    /// <summary>The schema that reads data.cdc.gov dataset <paramref name="cdcId"/> (e.g. "ua7e-t2fy"), if any.</summary>
    public DatasetSchema? FindByCdcId(string cdcId) => All.FirstOrDefault(s => s.CdcIds.Contains(cdcId, StringComparer.Ordinal));

    /// <summary>The built-in schemas plus every *.json file in <paramref name="directory"/> (none when null or empty).</summary>
    /// <exception cref="SchemaFileException">A file is invalid or redefines a schema; names the file and the JSON key.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static SchemaCatalog Load(string? directory)
    {
        var schemas = new List<DatasetSchema>(BuiltIn.All);
        if (!string.IsNullOrEmpty(directory))
        {
            var full = Path.GetFullPath(directory);
            if (!Directory.Exists(full))
            {
                throw new DirectoryNotFoundException($"Data:SchemaDirectory {full} does not exist");
            }
            foreach (var path in Directory.EnumerateFiles(full, "*.json").Order(StringComparer.Ordinal))
            {
                schemas.Add(SchemaFileReader.Read(path, File.ReadAllText(path), path));
            }
        }
        return new SchemaCatalog(schemas);
    }

    private static IEnumerable<DatasetSchema> ReadBuiltIn()
    {
        var assembly = typeof(SchemaCatalog).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            throw new InvalidOperationException("no built-in schema files are embedded in " + assembly.GetName().Name);
        }
        return Order(names.Select(n => SchemaFileReader.Read(n[ResourcePrefix.Length..], ReadResource(assembly, n), "built-in")));
    }

    // The archived dataset the server seeds comes first, as it always has; the rest by name.
    private static IEnumerable<DatasetSchema> Order(IEnumerable<DatasetSchema> schemas) =>
        schemas.OrderBy(s => s.Name == "cdc-cases-deaths-by-state" ? 0 : 1).ThenBy(s => s.Name, StringComparer.Ordinal);

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
