using System.Text.Json;

namespace Covid.SparkJob.Catalog;

/// <summary>Reads one schema file: strict JSON (unknown keys are errors; comments and trailing commas allowed), then the checks of <see cref="SchemaFileMapper"/>.</summary>
public static class SchemaFileReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        PropertyNameCaseInsensitive = false,
    };

    /// <param name="file">How errors name the file (its name or path).</param>
    /// <param name="source">What the schema reports as its source: "built-in" or the path.</param>
    /// <exception cref="SchemaFileException">The file is not valid JSON or not a valid schema.</exception>
    public static DatasetSchema Read(string file, string json, string source)
    {
        SchemaFileDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<SchemaFileDto>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new SchemaFileException(file, ex.Path ?? "$", Explain(ex));
        }
        return new SchemaFileMapper(file, source).Map(dto ?? throw new SchemaFileException(file, "$", "the file holds null, not a schema object"));
    }

    private static string Explain(JsonException ex)
    {
        // System.Text.Json names .NET types; say what the file author can act on.
        var message = ex.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'', StringComparison.Ordinal);
            var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
            return end > start ? $"unknown key '{message[(start + 1)..end]}'" : "unknown key";
        }
        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "a value of the wrong kind here (e.g. text where a number, a list or an object belongs)";
        }
        var line = ex.LineNumber is { } l ? $" (line {l + 1})" : "";
        return "not valid JSON" + line + ": " + message.Split(" Path:", 2)[0];
    }
}
