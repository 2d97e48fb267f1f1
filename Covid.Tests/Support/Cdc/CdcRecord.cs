using System.Globalization;

namespace Covid.Tests.Support.Cdc;

/// <summary>
/// A 9mfq-cb36 line parsed by hand (Split and int.Parse, nothing shared with the engine) into
/// field name → value: dates as DateOnly, counts as long, text as string, empty cells as null.
/// The one parser of this layout: <see cref="IndependentRow"/> is its typed view. Other exports
/// (their own layouts, title lines, quoted cells) are read as text by <see cref="RealCsv"/>.
/// </summary>
internal static class CdcRecord
{
    private static readonly string[] Header =
    [
        "submission_date", "state", "tot_cases", "conf_cases", "prob_cases", "new_case", "pnew_case", "tot_death",
        "conf_death", "prob_death", "new_death", "pnew_death", "created_at", "consent_cases", "consent_deaths",
    ];

    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> ReadAll(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.Equal(string.Join(',', Header), lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(Parse).ToList();
    }

    private static Dictionary<string, object?> Parse(string line)
    {
        // The export quotes nothing in this file (no commas inside cells); a quote would mean it does.
        Assert.DoesNotContain('"', line);
        var cells = line.Split(',');
        Assert.Equal(Header.Length, cells.Length);
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            row[Header[i]] = cell.Length == 0 ? null : Header[i] switch
            {
                "submission_date" => Date(cell),
                "state" or "consent_cases" or "consent_deaths" or "created_at" => cell,
                _ => long.Parse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            };
        }
        return row;
    }

    private static DateOnly Date(string cell)
    {
        var mdy = cell.Split('/');
        return new DateOnly(int.Parse(mdy[2], CultureInfo.InvariantCulture), int.Parse(mdy[0], CultureInfo.InvariantCulture), int.Parse(mdy[1], CultureInfo.InvariantCulture));
    }
}
