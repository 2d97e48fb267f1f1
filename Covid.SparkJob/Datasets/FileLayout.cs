using Covid.SparkJob.Catalog;

namespace Covid.SparkJob.Datasets;

/// <summary>
/// How a dataset's CSV is laid out: the export form its header shows and the header's columns in
/// file order. A rows.csv header is the schema's, whole and in order; a SODA file may carry any
/// selection of the schema's API fields in any order (the others are null) and columns the schema
/// does not know (ignored).
/// </summary>
public sealed record FileLayout(ExportForm Form, IReadOnlyList<string> Columns)
{
    /// <summary>The layout of the rows.csv export: the schema's columns in order (datasets stored before layouts were recorded).</summary>
    public static FileLayout RowsOf(DatasetSchema schema) =>
        new(ExportForm.Rows, (schema ?? throw new ArgumentNullException(nameof(schema))).CsvFields.Select(f => f.HeaderName).ToList());

    /// <summary>The 0-based column of <paramref name="field"/> in the file, or -1 when the file does not carry it.</summary>
    public int IndexOf(SchemaField field) =>
        field.Column(Form) is { } column ? IndexOf(column) : -1;

    private int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Schema fields that are file columns but not in this file: their values are null.</summary>
    public IReadOnlyList<string> MissingFields(DatasetSchema schema) =>
        schema.CsvFields.Where(f => IndexOf(f) < 0).Select(f => f.Name).ToList();

    /// <summary>Columns of the file the schema does not know, in file order.</summary>
    public IReadOnlyList<string> IgnoredColumns(DatasetSchema schema) =>
        Columns.Where(c => !schema.CsvFields.Any(f => f.Column(Form) == c)).ToList();
}
