using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// The parts of an export around its rows: title lines before the header, the header itself (the
/// same names, in the same order, nothing more) and a footer after a blank line.
/// </summary>
internal static class CsvLayout
{
    /// <summary>The error for a file that ends after <paramref name="titleLinesRead"/> of its title lines, before the header.</summary>
    public static DatasetFormatException EndsBeforeHeader(DatasetSchema schema, int titleLinesRead) =>
        new(titleLinesRead + 1,
            $"the file ends before the header; {schema.Name} has {schema.TitleLines} title lines and then the header {ExpectedHeader(schema)}");

    /// <summary>
    /// The layout the header shows: the rows.csv header exactly and in order, or (for schemas with
    /// a SODA form) a selection of API field names in any order that holds the time and geography
    /// fields. Anything else is an error naming what is missing or out of place.
    /// </summary>
    public static FileLayout CheckHeader(DatasetSchema schema, IReadOnlyList<string> header)
    {
        var line = schema.TitleLines + 1;
        if (schema.Supports(ExportForm.Rows) && header.SequenceEqual(schema.CsvFields.Select(f => f.HeaderName)))
        {
            return new FileLayout(ExportForm.Rows, header.ToList());
        }
        var soda = schema.Supports(ExportForm.Soda) ? SodaHeader.Match(schema, header, line) : null;
        if (soda is { Layout: { } layout })
        {
            return layout;
        }
        // A header of API names (or a schema with no other form) gets the SODA explanation; else the rows.csv one.
        if (soda is { Problem: { } problem } && (soda.LooksLikeSoda || !schema.Supports(ExportForm.Rows)))
        {
            throw new DatasetFormatException(line, problem);
        }
        try
        {
            CheckHeaderNames(schema, header);
        }
        catch (DatasetFormatException ex) when (schema.TitleLines > 0)
        {
            // The likeliest cause is a file whose title lines were removed or added to.
            throw new DatasetFormatException(ex.Line, $"{ex.Problem} ({schema.Name} exports have {schema.TitleLines} title lines before the header)");
        }
        throw new InvalidOperationException("a header that differs from the schema's passed the check");
    }

    private static void CheckHeaderNames(DatasetSchema schema, IReadOnlyList<string> header)
    {
        var line = schema.TitleLines + 1;
        var expected = schema.CsvFields.Select(f => f.HeaderName).ToList();
        for (var i = 0; i < Math.Min(header.Count, expected.Count); i++)
        {
            if (header[i] != expected[i])
            {
                var where = header.Contains(expected[i]) ? "out of order" : "missing";
                throw new DatasetFormatException(line,
                    $"header column {i + 1} is '{Shorten(header[i])}' but {schema.Name} expects '{expected[i]}' there ('{expected[i]}' is {where}); expected header: {ExpectedHeader(schema)}");
            }
        }
        if (header.Count < expected.Count)
        {
            throw new DatasetFormatException(line,
                $"header has {header.Count} columns, {schema.Name} has {expected.Count}: missing {string.Join(", ", expected.Skip(header.Count).Select(n => $"'{n}'"))}");
        }
        if (header.Count > expected.Count)
        {
            throw new DatasetFormatException(line,
                $"header has {header.Count} columns, {schema.Name} has {expected.Count}: unexpected {string.Join(", ", header.Skip(expected.Count).Select(n => $"'{Shorten(n)}'"))}");
        }
    }

    /// <summary>
    /// One line after the blank line ending the data: blank lines, then the footer beginning with
    /// the schema's marker, then anything. True once the footer has begun (the rest is not read).
    /// </summary>
    public static bool CheckFooterLine(DatasetSchema schema, string text, long line)
    {
        if (text.Length == 0)
        {
            return false;
        }
        return text.StartsWith(schema.FooterMarker!, StringComparison.Ordinal)
            ? true
            : throw new DatasetFormatException(checked((int)line),
                $"'{Shorten(text)}' follows the blank line ending the data, but {schema.Name} allows only its footer there (starting '{schema.FooterMarker}')");
    }

    public static string ExpectedHeader(DatasetSchema schema) => string.Join(",", schema.CsvFields.Select(f => f.HeaderName));

    public static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
