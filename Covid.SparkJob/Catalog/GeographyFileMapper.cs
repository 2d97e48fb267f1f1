using Covid.SparkJob.Geography;

namespace Covid.SparkJob.Catalog;

/// <summary>
/// A schema file's <c>$.geography</c> into a <see cref="GeographyCoding"/>: every value the
/// dataset's geography field takes must be a spelling of a jurisdiction the catalog knows, or be
/// listed as a network or a federal entity, so no row's level is ever a guess.
/// </summary>
internal sealed class GeographyFileMapper(string file)
{
    private const string Path = "$.geography";

    public GeographyCoding Map(GeographyDto dto, IReadOnlyList<SchemaField> fields)
    {
        var name = string.IsNullOrWhiteSpace(dto.Field) ? throw Fail($"{Path}.field", "required: the dataset's geography field") : dto.Field;
        var field = fields.FirstOrDefault(f => f.Name == name) ?? throw Fail($"{Path}.field", $"'{name}' is not a field of the schema");
        if (field.Role != FieldRole.Geography || field.Type != FieldType.String)
        {
            throw Fail($"{Path}.field", $"'{name}' must be a string field with role geography");
        }
        var values = dto.Values is { Count: > 0 } v ? v : throw Fail($"{Path}.values", "required: every value the geography field takes, as the file writes it");
        var network = Subset(dto.Network, values, "network");
        var federal = Subset(dto.Federal, values, "federal");
        var entries = new List<GeographyEntry>();
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            var path = $"{Path}.values[{i}]";
            if (entries.Any(e => e.Value == value))
            {
                throw Fail(path, $"'{value}' is listed twice");
            }
            var entry = Entry(value, network, federal, dto, path);
            if (entry.Code is { } code && !codes.TryAdd(code, value))
            {
                throw Fail(path, $"'{value}' and '{codes[code]}' both mean {code}; a dataset spells each jurisdiction one way");
            }
            entries.Add(entry);
        }
        return new GeographyCoding(name, entries, dto.NycApartFromNy);
    }

    private GeographyEntry Entry(string value, HashSet<string> network, HashSet<string> federal, GeographyDto dto, string path)
    {
        if (network.Contains(value))
        {
            return new GeographyEntry(value, null, GeoLevel.Network, null);
        }
        if (federal.Contains(value))
        {
            return new GeographyEntry(value, null, GeoLevel.Federal, null);
        }
        var jurisdiction = UsJurisdictions.Resolve(value)
            ?? throw Fail(path, $"'{value}' is no jurisdiction spelling the catalog knows (USPS codes, full names, \"Region 1\"..\"Region 10\", \"USA\", \"National\"); list it under network or federal if it is one");
        if (!dto.Sites)
        {
            return new GeographyEntry(value, jurisdiction.Code, jurisdiction.Level, Residents.Of(jurisdiction, dto.NycApartFromNy));
        }
        // A surveillance site is a catchment of some counties of a state: the state's code, never its population.
        return jurisdiction.Level is GeoLevel.State or GeoLevel.Territory
            ? new GeographyEntry(value, jurisdiction.Code, GeoLevel.Site, null)
            : throw Fail(path, $"'{value}' is {jurisdiction.Level.Code()}, not a state: with sites, every value is a site (a state's catchment) or the network");
    }

    private HashSet<string> Subset(List<string>? listed, List<string> values, string key)
    {
        var set = new HashSet<string>(listed ?? [], StringComparer.Ordinal);
        for (var i = 0; i < (listed?.Count ?? 0); i++)
        {
            if (!values.Contains(listed![i]))
            {
                throw Fail($"{Path}.{key}[{i}]", $"'{listed[i]}' is not one of $.geography.values");
            }
        }
        return set;
    }

    private SchemaFileException Fail(string path, string problem) => new(file, path, problem);

    /// <summary>The derived fields every geographic dataset gets, after its own.</summary>
    public static IEnumerable<SchemaField> DerivedFields(GeographyCoding coding) =>
    [
        new(GeographyCoding.JurisdictionField, FieldType.String, FieldRole.Geography,
            $"Derived from {coding.Field}: the normalised jurisdiction (USPS code, NYC, HHS1..HHS10, US; for a site its state's code; null for a network or a federal entity)")
        {
            DerivedFrom = new GeographyDerivation(coding.Field, Level: false),
            Values = coding.Codes,
        },
        new(GeographyCoding.LevelField, FieldType.String, FieldRole.Dimension,
            $"Derived from {coding.Field}: {string.Join(", ", coding.Levels.Select(l => l.Code()))}; filter or group by it to add rows of one level only")
        {
            DerivedFrom = new GeographyDerivation(coding.Field, Level: true),
            Values = coding.Levels.Select(l => l.Code()).ToList(),
        },
    ];
}
