namespace Covid.SparkJob.Catalog;

// The JSON shape of a schema file (Catalog/Schemas/*.json, and Data:SchemaDirectory). Keys are
// camelCase; unknown keys are errors, so a typo never silently drops a setting. Only
// SchemaFileMapper reads these, turning them into the model with checks that name the key.

internal sealed class SchemaFileDto
{
    public string? Name { get; set; }
    public string? Title { get; set; }
    public List<string>? CdcIds { get; set; }
    public ExportsDto? Exports { get; set; }
    public string? Grain { get; set; }
    public string? TimeField { get; set; }
    public string? AsOfField { get; set; }
    public int TitleLines { get; set; }
    public string? Footer { get; set; }
    public GeographyDto? Geography { get; set; }
    public List<FieldDto>? Fields { get; set; }
}

internal sealed class ExportsDto
{
    public ExportDto? Rows { get; set; }
    public ExportDto? Soda { get; set; }
}

internal sealed class ExportDto
{
    public string? Url { get; set; }
}

internal sealed class GeographyDto
{
    public string? Field { get; set; }
    public List<string>? Values { get; set; }
    public bool NycApartFromNy { get; set; }
    public bool Sites { get; set; }
    public List<string>? Network { get; set; }
    public List<string>? Federal { get; set; }
}

internal sealed class FieldDto
{
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? Role { get; set; }
    public string? Rows { get; set; }
    public string? Soda { get; set; }
    public FormatsDto? Formats { get; set; }
    public List<string>? NullTokens { get; set; }
    public string? Unit { get; set; }
    public string? Additivity { get; set; }
    public string? Description { get; set; }
    public DerivedDto? Derived { get; set; }
    public SuppressionDto? Suppression { get; set; }
    public Dictionary<string, string>? Levels { get; set; }
    public List<string>? TimedLevels { get; set; }
    public List<string>? Values { get; set; }
}

internal sealed class FormatsDto
{
    // A pattern, or a list of patterns tried in order.
    public System.Text.Json.JsonElement? Rows { get; set; }
    public System.Text.Json.JsonElement? Soda { get; set; }
}

internal sealed class DerivedDto
{
    public MmwrWeekEndDto? MmwrWeekEnd { get; set; }
}

internal sealed class MmwrWeekEndDto
{
    public string? Year { get; set; }
    public string? Week { get; set; }
    public string? YearWeek { get; set; }
}

internal sealed class SuppressionDto
{
    public long Min { get; set; }
    public long Max { get; set; }
}
