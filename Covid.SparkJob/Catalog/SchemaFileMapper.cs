using System.Text.RegularExpressions;
using Covid.SparkJob.Geography;

namespace Covid.SparkJob.Catalog;

/// <summary>A parsed schema file into a <see cref="DatasetSchema"/>, checking what JSON cannot: names, references, consistency.</summary>
internal sealed partial class SchemaFileMapper(string file, string source)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9]{4}-[a-z0-9]{4}$")]
    private static partial Regex CdcIdPattern();

    public DatasetSchema Map(SchemaFileDto dto)
    {
        var name = Required(dto.Name, "$.name");
        if (!NamePattern().IsMatch(name))
        {
            throw Fail("$.name", $"'{name}' is not a schema name: lowercase letters, digits and dashes, up to 63 characters");
        }
        var ids = dto.CdcIds ?? [];
        for (var i = 0; i < ids.Count; i++)
        {
            if (!CdcIdPattern().IsMatch(ids[i]))
            {
                throw Fail($"$.cdcIds[{i}]", $"'{ids[i]}' is not a data.cdc.gov id such as ua7e-t2fy");
            }
        }
        var (forms, urls) = Exports(dto.Exports);
        var grainCode = Required(dto.Grain, "$.grain");
        if (!TimeGrain.TryParse(grainCode, out var grain))
        {
            throw Fail("$.grain", $"'{grainCode}' is not a grain: day, season, or week-ending-DAY (week-ending-saturday for MMWR weeks)");
        }
        if (dto.TitleLines is < 0 or > 100)
        {
            throw Fail("$.titleLines", "0 to 100 lines before the header");
        }
        var fields = Fields(dto.Fields, forms);
        var time = Required(dto.TimeField, "$.timeField");
        if (fields.FirstOrDefault(f => f.Name == time) is not { Type: FieldType.Date, Role: FieldRole.Time })
        {
            throw Fail("$.timeField", $"'{time}' must name a date field with role time");
        }
        if (fields.FirstOrDefault(f => f.Role == FieldRole.Time && f.Name != time) is { } other)
        {
            throw Fail($"$.fields[{fields.IndexOf(other)}].role", $"only the time field ('{time}') has role time; make '{other.Name}' a dimension");
        }
        CheckDerivations(fields);
        if (dto.AsOfField is { } asOf && fields.FirstOrDefault(f => f.Name == asOf) is not { Type: FieldType.Date or FieldType.Timestamp, IsDerived: false })
        {
            throw Fail("$.asOfField", $"'{asOf}' must name a date or timestamp field read from the file");
        }
        GeographyCoding? geography = null;
        if (dto.Geography is not null)
        {
            geography = new GeographyFileMapper(file).Map(dto.Geography, fields);
            foreach (var derived in GeographyFileMapper.DerivedFields(geography))
            {
                if (fields.Any(f => string.Equals(f.Name, derived.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw Fail($"$.fields[{fields.FindIndex(f => string.Equals(f.Name, derived.Name, StringComparison.OrdinalIgnoreCase))}].name",
                        $"'{derived.Name}' is the derived field every geographic dataset gets; name the file's own field otherwise (e.g. \"{derived.Name}_raw\" with \"soda\": \"{derived.Name}\")");
                }
                fields.Add(derived);
            }
        }
        else if (fields.FirstOrDefault(f => f.Role == FieldRole.Geography) is { } geo)
        {
            throw Fail("$.geography", $"'{geo.Name}' has role geography, so the schema needs a geography section coding its values");
        }
        return new DatasetSchema(name, Required(dto.Title, "$.title"), time, fields)
        {
            CdcIds = ids,
            Forms = forms,
            ExportUrls = urls,
            Grain = grain,
            Geography = geography,
            Source = source,
            TitleLines = dto.TitleLines,
            AsOfField = dto.AsOfField,
            FooterMarker = dto.Footer is { Length: 0 } ? throw Fail("$.footer", "omit it, or give the text the footer begins with") : dto.Footer,
        };
    }

    private (List<ExportForm> Forms, Dictionary<ExportForm, string> Urls) Exports(ExportsDto? exports)
    {
        var forms = new List<ExportForm>();
        var urls = new Dictionary<ExportForm, string>();
        foreach (var (form, export) in new[] { (ExportForm.Rows, exports?.Rows), (ExportForm.Soda, exports?.Soda) })
        {
            if (export is null)
            {
                continue;
            }
            forms.Add(form);
            if (export.Url is { } url)
            {
                urls[form] = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                    ? url
                    : throw Fail($"$.exports.{FieldFileMapper.Code(form)}.url", $"'{url}' is not an http(s) URL");
            }
        }
        return forms.Count > 0 ? (forms, urls) : throw Fail("$.exports", "required: the export forms files come in, {\"rows\": {…}} and/or {\"soda\": {…}}");
    }

    private List<SchemaField> Fields(List<FieldDto>? dtos, IReadOnlyList<ExportForm> forms)
    {
        if (dtos is not { Count: > 0 })
        {
            throw Fail("$.fields", "required: at least one field");
        }
        var mapper = new FieldFileMapper(file, forms);
        var fields = new List<SchemaField>();
        for (var i = 0; i < dtos.Count; i++)
        {
            var field = mapper.Map(dtos[i], $"$.fields[{i}]");
            // Both engines resolve identifiers ignoring case, so "Deaths" and "deaths" would be one column.
            if (fields.FirstOrDefault(f => string.Equals(f.Name, field.Name, StringComparison.OrdinalIgnoreCase)) is { } same)
            {
                throw Fail($"$.fields[{i}].name", $"'{field.Name}' is already the name of $.fields[{fields.IndexOf(same)}] (names are compared ignoring case)");
            }
            foreach (var form in forms)
            {
                if (field.Column(form) is { } column && fields.FirstOrDefault(f => f.Column(form) == column) is { } clash)
                {
                    throw Fail($"$.fields[{i}].{FieldFileMapper.Code(form)}", $"'{column}' is already the {FieldFileMapper.Code(form)} column of '{clash.Name}'");
                }
            }
            fields.Add(field);
        }
        return fields;
    }

    private void CheckDerivations(List<SchemaField> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].DerivedFrom is not MmwrWeekEnd mmwr)
            {
                continue;
            }
            foreach (var source in mmwr.Sources)
            {
                if (fields.FirstOrDefault(f => f.Name == source) is not { Type: FieldType.Int64, IsDerived: false })
                {
                    throw Fail($"$.fields[{i}].derived.mmwrWeekEnd", $"'{source}' must be an int64 field of the file (not derived)");
                }
            }
        }
    }

    private string Required(string? text, string path) =>
        string.IsNullOrWhiteSpace(text) ? throw Fail(path, "required") : text;

    private SchemaFileException Fail(string path, string problem) => new(file, path, problem);
}
