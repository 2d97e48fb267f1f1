using System.Globalization;

namespace Covid.Tests.Support.Cdc;

/// <summary>
/// A real export read the plain way, independently of the ingestion code: lines split by hand,
/// title lines skipped, data ending at the first blank line. Cells keyed by header text (trimmed).
/// Any layout, as text; the typed reading of 9mfq-cb36 that sums are checked against is <see cref="CdcRecord"/>.
/// </summary>
internal sealed class RealCsv
{
    private readonly Dictionary<string, int> _columns;

    public List<string[]> Rows { get; }

    public RealCsv(string fileName, int titleLines = 0)
    {
        var lines = File.ReadLines(CdcFiles.Get(fileName)).Skip(titleLines).TakeWhile(l => l.Length > 0).ToList();
        _columns = GeneratedRows.Split(lines[0]).Select((name, i) => (name.Trim(), i)).ToDictionary(c => c.Item1, c => c.i);
        Rows = lines.Skip(1).Select(GeneratedRows.Split).ToList();
    }

    public string Text(string[] row, string column) => row[_columns[column]];

    public long Long(string[] row, string column) => long.Parse(Text(row, column), CultureInfo.InvariantCulture);

    /// <summary>Null for the empty cell and for COVID-NET's "null".</summary>
    public double? Double(string[] row, string column) =>
        Text(row, column) is "" or "null" ? null : double.Parse(Text(row, column), CultureInfo.InvariantCulture);

    public DateOnly Date(string[] row, string column) =>
        DateOnly.ParseExact(Text(row, column), "MM/dd/yyyy", CultureInfo.InvariantCulture);
}
