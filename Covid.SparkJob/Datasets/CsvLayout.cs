using Covid.SparkJob.Catalog;

namespace Covid.SparkJob.Datasets;

/// <summary>Checks a CSV header against a schema: the same names, in the same order, nothing more.</summary>
internal static class CsvLayout
{
    public static void CheckHeader(DatasetSchema schema, IReadOnlyList<string> header)
    {
        var expected = schema.Fields.Select(f => f.Name).ToList();
        for (var i = 0; i < Math.Min(header.Count, expected.Count); i++)
        {
            if (header[i] != expected[i])
            {
                var where = header.Contains(expected[i]) ? "out of order" : "missing";
                throw new DatasetFormatException(1,
                    $"header column {i + 1} is '{Shorten(header[i])}' but {schema.Name} expects '{expected[i]}' there ('{expected[i]}' is {where}); expected header: {string.Join(",", expected)}");
            }
        }
        if (header.Count < expected.Count)
        {
            throw new DatasetFormatException(1,
                $"header has {header.Count} columns, {schema.Name} has {expected.Count}: missing {string.Join(", ", expected.Skip(header.Count).Select(n => $"'{n}'"))}");
        }
        if (header.Count > expected.Count)
        {
            throw new DatasetFormatException(1,
                $"header has {header.Count} columns, {schema.Name} has {expected.Count}: unexpected {string.Join(", ", header.Skip(expected.Count).Select(n => $"'{Shorten(n)}'"))}");
        }
    }

    public static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
