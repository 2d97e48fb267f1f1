using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// Whether a header is a SODA export of the schema: API field names, any subset in any order (the
/// API's <c>$select</c>), as long as the fields rows cannot do without are there: the time field
/// (or what it is derived from) and the geography field. Columns the schema does not know are
/// ignored and reported; a column twice is an error.
/// </summary>
internal sealed record SodaHeader(FileLayout? Layout, string? Problem, bool LooksLikeSoda)
{
    public static SodaHeader Match(DatasetSchema schema, IReadOnlyList<string> header, int line)
    {
        var known = header.Where(h => schema.CsvFields.Any(f => f.SodaColumn == h)).ToList();
        var looksLikeSoda = known.Count > 0;
        if (known.Count == 0)
        {
            return new SodaHeader(null,
                $"the header names none of {schema.Name}'s SODA API fields ({string.Join(", ", schema.CsvFields.Select(f => f.SodaColumn))})", false);
        }
        if (known.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return new SodaHeader(null, $"the header has the column '{twice.Key}' twice", true);
        }
        var missing = Required(schema).Where(f => !header.Contains(f.SodaColumn!)).Select(f => $"'{f.SodaColumn}'").ToList();
        if (missing.Count > 0)
        {
            return new SodaHeader(null,
                $"a SODA export of {schema.Name} needs the time and geography columns; {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} missing (add {(missing.Count == 1 ? "it" : "them")} to $select)", true);
        }
        return new SodaHeader(new FileLayout(ExportForm.Soda, header.ToList()), null, true);
    }

    /// <summary>The file columns every row needs: the time field or its sources, and the geography field.</summary>
    private static IEnumerable<SchemaField> Required(DatasetSchema schema)
    {
        var time = schema.Field(schema.DateField)!;
        var names = time.DerivedFrom is MmwrWeekEnd mmwr ? mmwr.Sources.ToList() : [time.Name];
        if (schema.Geography is { } geography)
        {
            names.Add(geography.Field);
        }
        return names.Select(n => schema.Field(n)!).Where(f => f.SodaColumn is not null);
    }
}
