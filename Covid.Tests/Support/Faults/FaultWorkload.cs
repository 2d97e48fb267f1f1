using Covid.V1;

namespace Covid.Tests.Support.Faults;

/// <summary>
/// The specs and files of the fault trials: variants of the README's weekly example over the
/// seeded 9mfq-cb36 export (never replaced, so each variant has one right result), and uploads
/// of its first N rows, N different for every upload so a dataset's row count says which it is.
/// </summary>
internal sealed class FaultWorkload
{
    private static readonly string[][] States = [["NY", "NYC", "NJ", "CA"], ["TX"], ["FL", "GA"], ["WA", "OR", "ID"]];
    private readonly string header;
    private readonly string[] rows;
    private int uploads;

    public FaultWorkload(string seedCsv)
    {
        var lines = File.ReadAllLines(seedCsv);
        header = lines[0];
        rows = lines[1..];
    }

    public int Variants => States.Length;

    public AnalysisSpec Spec(int variant)
    {
        var spec = Specs.IssueExample();
        spec.Filters[0].Values.Clear();
        spec.Filters[0].Values.Add(States[variant]);
        return spec;
    }

    /// <summary>A spec that counts a dataset's rows by month: their sum is its row count when all of it is there.</summary>
    public static AnalysisSpec CountRows(string dataset) => Specs.Parse($$"""
        {"dataset": "{{dataset}}", "timeBucket": "MONTH", "metrics": [{"name": "rows", "aggregation": "COUNT"}]}
        """);

    public long NextRowCount() => 40 + (Interlocked.Increment(ref uploads) % (rows.Length - 40));

    public byte[] Csv(long rowCount) =>
        System.Text.Encoding.UTF8.GetBytes(header + "\n" + string.Join("\n", rows.Take((int)rowCount)) + "\n");
}
