using System.Globalization;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Support;

/// <summary>A current CDC export read the plain way (see <see cref="RealCsv"/>) with the parsers its columns need.</summary>
internal sealed class CdcTable(string fileName)
{
    private readonly RealCsv _csv = new(fileName);

    public IReadOnlyList<string[]> Rows => _csv.Rows;

    public string Text(string[] row, string column) => _csv.Text(row, column);

    /// <summary>A count, null for the empty (suppressed or unreported) cell; "800.0" is 800.</summary>
    public long? Long(string[] row, string column) =>
        Text(row, column) is { Length: > 0 } t ? (long)decimal.Parse(t, CultureInfo.InvariantCulture) : null;

    public double? Double(string[] row, string column) =>
        Text(row, column) is { Length: > 0 } t ? double.Parse(t, CultureInfo.InvariantCulture) : null;

    /// <summary>ISO (2021-10-09, or with " 00:00:00") or MM/DD/YYYY.</summary>
    public DateOnly? Date(string[] row, string column)
    {
        var t = Text(row, column);
        if (t.Length == 0)
        {
            return null;
        }
        return t.Contains('/', StringComparison.Ordinal)
            ? DateOnly.ParseExact(t, "MM/dd/yyyy", CultureInfo.InvariantCulture)
            : DateOnly.ParseExact(t[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
