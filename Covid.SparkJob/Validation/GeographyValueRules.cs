using Covid.SparkJob.Catalog;
using Covid.SparkJob.Geography;

namespace Covid.SparkJob.Validation;

/// <summary>
/// Filter values on geography: the dataset's own field takes exactly the values its coding lists
/// (as the file writes them), <c>jurisdiction</c> the normalised codes, <c>geo_level</c> the levels
/// present. A near miss gets a hint ("did you mean 'NYC'?", "this dataset writes 'New York'").
/// </summary>
internal static class GeographyValueRules
{
    /// <summary>True when <paramref name="field"/> is a geography field (and the value was checked).</summary>
    public static bool Check(DatasetSchema schema, SchemaField field, string value, string path, Violations v)
    {
        if (schema.Geography is not { } geo)
        {
            return false;
        }
        if (field.Name == geo.Field)
        {
            var values = geo.Entries.Select(e => e.Value).ToList();
            if (!values.Contains(value))
            {
                var codes = geo.Entries.All(e => e.Value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)));
                v.Add(path, $"unknown jurisdiction {Violations.Quote(value)}{Hint(geo, value, e => e.Value) ?? $"; {(codes ? "codes" : "values")} are: {Violations.List(values)}"}");
            }
            return true;
        }
        if (field.Name == GeographyCoding.JurisdictionField)
        {
            if (!geo.Codes.Contains(value))
            {
                v.Add(path, $"unknown jurisdiction code {Violations.Quote(value)}{Hint(geo, value, e => e.Code) ?? $"; codes of {schema.Name} are: {Violations.List(geo.Codes)}"}");
            }
            return true;
        }
        if (field.Name == GeographyCoding.LevelField)
        {
            var levels = geo.Levels.Select(l => l.Code()).ToList();
            if (!levels.Contains(value))
            {
                v.Add(path, $"{Violations.Quote(value)} is not a geo_level of {schema.Name}; its levels are: {Violations.List(levels)}");
            }
            return true;
        }
        return false;
    }

    /// <summary>"; did you mean 'X'?" for a value the coding knows in another spelling or case.</summary>
    private static string? Hint(GeographyCoding geo, string value, Func<GeographyEntry, string?> spelled)
    {
        var trimmed = value.Trim();
        var byCase = geo.Entries.FirstOrDefault(e => string.Equals(spelled(e), trimmed, StringComparison.OrdinalIgnoreCase));
        var resolved = UsJurisdictions.Resolve(trimmed) ?? UsJurisdictions.Resolve(trimmed.ToUpperInvariant());
        var entry = byCase ?? (resolved is null ? null : geo.Entries.FirstOrDefault(e => e.Code == resolved.Code));
        return entry is not null && spelled(entry) is { } suggestion && suggestion != value ? $"; did you mean '{suggestion}'?" : null;
    }
}
