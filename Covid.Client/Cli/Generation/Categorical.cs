namespace Covid.Cli.Generation;

/// <summary>Draws one of a fixed set of CSV cells with given shares (cumulative table, linear scan: sets are small).</summary>
internal sealed class Categorical
{
    private readonly string[] _cells;
    private readonly double[] _cumulative;

    /// <param name="shares">Value → share; shares are normalised, so percentages or counts both work.</param>
    public Categorical(params (string Value, double Share)[] shares)
    {
        var total = shares.Sum(s => s.Share);
        _cells = shares.Select(s => CsvCell(s.Value)).ToArray();
        _cumulative = new double[shares.Length];
        var sum = 0.0;
        for (var i = 0; i < shares.Length; i++)
        {
            sum += shares[i].Share / total;
            _cumulative[i] = sum;
        }
        _cumulative[^1] = 1.0;
    }

    /// <summary>The index of the value <paramref name="u"/> (uniform in [0,1)) falls on.</summary>
    public int Index(double u)
    {
        var i = 0;
        while (u >= _cumulative[i])
        {
            i++;
        }
        return i;
    }

    public string Cell(int index) => _cells[index];

    /// <summary>The value as a CSV cell: quoted when it holds a comma or quote, as CDC's export does.</summary>
    public static string CsvCell(string value) =>
        value.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
