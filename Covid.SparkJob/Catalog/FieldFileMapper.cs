namespace Covid.SparkJob.Catalog;

/// <summary>One field of a schema file (<c>$.fields[i]</c>) into a <see cref="SchemaField"/>, every problem named by its key.</summary>
internal sealed class FieldFileMapper(string file, IReadOnlyList<ExportForm> forms)
{
    public SchemaField Map(FieldDto dto, string path)
    {
        var name = Required(dto.Name, $"{path}.name");
        if (name.Trim() != name || name.Any(char.IsControl) || name.Length > 128)
        {
            throw Fail($"{path}.name", $"'{name}' is not a usable field name: no control characters or surrounding spaces, at most 128 characters");
        }
        if (ReservedColumns.IsReserved(name))
        {
            throw Fail($"{path}.name", $"'{name}' is reserved for the query's own columns");
        }
        var type = Parse(dto.Type, $"{path}.type", ParseType, "date, string, int64, double, timestamp");
        var role = Parse(dto.Role, $"{path}.role", ParseRole, "time, geography, dimension, measure");
        var description = Required(dto.Description, $"{path}.description");
        if (role == FieldRole.Measure && type is not (FieldType.Int64 or FieldType.Double))
        {
            throw Fail($"{path}.role", $"a measure is a number: '{name}' is {Code(type)}; make it a dimension or an int64/double");
        }
        Additivity additivity = Additivity.None;
        if (role == FieldRole.Measure)
        {
            additivity = Parse(dto.Additivity, $"{path}.additivity", ParseAdditivity,
                "time-and-geography (new counts), geography-only (cumulative totals), none (rates, percents)");
        }
        else if (dto.Additivity is not null)
        {
            throw Fail($"{path}.additivity", "only measures have an additivity");
        }
        var derived = Derived(dto.Derived, type, $"{path}.derived");
        var field = new SchemaField(name, type, role, description)
        {
            Unit = dto.Unit ?? "",
            Additivity = additivity,
            RowsColumn = Column(dto.Rows, name, ExportForm.Rows, derived is not null, $"{path}.rows"),
            SodaColumn = Column(dto.Soda, name, ExportForm.Soda, derived is not null, $"{path}.soda"),
            RowsFormats = Formats(dto.Formats?.Rows, type, ExportForm.Rows, $"{path}.formats.rows"),
            SodaFormats = Formats(dto.Formats?.Soda, type, ExportForm.Soda, $"{path}.formats.soda"),
            NullTokens = Tokens(dto.NullTokens, $"{path}.nullTokens"),
            DerivedFrom = derived,
            Suppression = Suppressed(dto.Suppression, type, role, $"{path}.suppression"),
            Values = dto.Values ?? [],
        };
        return dto.Levels is null ? field : WithLevels(field, dto, path);
    }

    private string? Column(string? given, string name, ExportForm form, bool derived, string path)
    {
        if (derived)
        {
            return given is null ? null : throw Fail(path, "a derived field is no column of the file");
        }
        if (!forms.Contains(form))
        {
            return given is null ? null : throw Fail(path, $"the schema has no {Code(form)} export (see $.exports)");
        }
        if (given is { Length: 0 })
        {
            throw Fail(path, "a column name cannot be empty");
        }
        return given ?? name;
    }

    private List<string> Formats(System.Text.Json.JsonElement? given, FieldType type, ExportForm form, string path)
    {
        if (given is not { } element)
        {
            return [];
        }
        if (!forms.Contains(form))
        {
            throw Fail(path, $"the schema has no {Code(form)} export (see $.exports)");
        }
        var texts = element.ValueKind switch
        {
            System.Text.Json.JsonValueKind.String => [element.GetString()!],
            System.Text.Json.JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind == System.Text.Json.JsonValueKind.String) =>
                element.EnumerateArray().Select(e => e.GetString()!).ToList(),
            _ => throw Fail(path, "a pattern, or a list of patterns tried in order"),
        };
        if (texts.Count == 0 || (type == FieldType.Int64 && texts.Count > 1))
        {
            throw Fail(path, type == FieldType.Int64 ? "an int64 takes one format" : "at least one pattern");
        }
        return texts.Select((t, i) => Format(t, type, texts.Count == 1 ? path : $"{path}[{i}]")).ToList();
    }

    private string Format(string format, FieldType type, string path)
    {
        var problem = type switch
        {
            FieldType.Date or FieldType.Timestamp => DatePatterns.Problem(format),
            FieldType.Int64 => format == DatePatterns.IntegralDecimal ? null : $"an int64 format can only be \"{DatePatterns.IntegralDecimal}\" (written with a zero decimal part)",
            _ => $"a {Code(type)} field takes no format",
        };
        return problem is null ? format : throw Fail(path, problem);
    }

    private List<string> Tokens(List<string>? tokens, string path)
    {
        for (var i = 0; i < (tokens?.Count ?? 0); i++)
        {
            if (tokens![i].Length == 0)
            {
                throw Fail($"{path}[{i}]", "the empty cell is always null; list only other texts");
            }
        }
        return tokens ?? [];
    }

    private MmwrWeekEnd? Derived(DerivedDto? dto, FieldType type, string path)
    {
        if (dto is null)
        {
            return null;
        }
        var mmwr = dto.MmwrWeekEnd ?? throw Fail(path, "say how it is derived: {\"mmwrWeekEnd\": {\"year\": …, \"week\": …}} or {\"mmwrWeekEnd\": {\"yearWeek\": …}}");
        if (type != FieldType.Date)
        {
            throw Fail(path, "an MMWR week end is a date: give the field type date");
        }
        return (mmwr.YearWeek, mmwr.Year, mmwr.Week) switch
        {
            ({ Length: > 0 } yw, null, null) => new MmwrWeekEnd(null, null, yw),
            (null, { Length: > 0 } y, { Length: > 0 } w) => new MmwrWeekEnd(y, w),
            _ => throw Fail($"{path}.mmwrWeekEnd", "give either year and week (two fields) or yearWeek (one yyyyww field)"),
        };
    }

    private Suppression? Suppressed(SuppressionDto? dto, FieldType type, FieldRole role, string path)
    {
        if (dto is null)
        {
            return null;
        }
        if (type != FieldType.Int64 || role != FieldRole.Measure)
        {
            throw Fail(path, "only int64 measures (counts) are suppressed");
        }
        return dto.Min >= 0 && dto.Min <= dto.Max ? new Suppression(dto.Min, dto.Max) : throw Fail(path, "min and max must satisfy 0 <= min <= max");
    }

    private SchemaField WithLevels(SchemaField field, FieldDto dto, string path)
    {
        if (field.Type != FieldType.String || field.Role != FieldRole.Dimension || dto.Levels!.Count == 0)
        {
            throw Fail($"{path}.levels", "levels belong to a string dimension and map each of its values to a level name");
        }
        var timed = dto.TimedLevels ?? [];
        for (var i = 0; i < timed.Count; i++)
        {
            if (!dto.Levels.ContainsValue(timed[i]))
            {
                throw Fail($"{path}.timedLevels[{i}]", $"'{timed[i]}' is none of the levels: {string.Join(", ", dto.Levels.Values.Distinct())}");
            }
        }
        return field with { Levels = dto.Levels, TimedLevels = timed };
    }

    private T Parse<T>(string? text, string path, Func<string, T?> parse, string choices) where T : struct =>
        text is null ? throw Fail(path, $"required: one of {choices}")
            : parse(text) ?? throw Fail(path, $"'{text}' is not one of {choices}");

    private string Required(string? text, string path) =>
        string.IsNullOrWhiteSpace(text) ? throw Fail(path, "required") : text;

    private SchemaFileException Fail(string path, string problem) => new(file, path, problem);

    private static FieldType? ParseType(string text) =>
        Enum.GetValues<FieldType>().Select(t => (FieldType?)t).FirstOrDefault(t => Code(t!.Value) == text);

    private static FieldRole? ParseRole(string text) =>
        Enum.GetValues<FieldRole>().Select(r => (FieldRole?)r).FirstOrDefault(r => r.ToString()!.ToLowerInvariant() == text);

    private static Additivity? ParseAdditivity(string text) => text switch
    {
        "time-and-geography" => Additivity.TimeAndGeography,
        "geography-only" => Additivity.GeographyOnly,
        "none" => Additivity.None,
        _ => null,
    };

    public static string Code(FieldType type) => type.ToString().ToLowerInvariant();

    public static string Code(ExportForm form) => form == ExportForm.Soda ? "soda" : "rows";
}
