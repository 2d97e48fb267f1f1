using System.Globalization;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Samples;
using Covid.Tests.Support;

namespace Covid.Tests.Core.Samples;

public sealed class CasesDeathsSampleTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Sample()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        CasesDeathsSample.Write(writer);
        return writer.ToString();
    }

    [Fact]
    public void Write_Twice_IsByteIdenticalWithTheRealHeader()
    {
        var sample = Sample();

        Assert.Equal(sample, Sample());
        var realHeader = File.ReadLines(CdcFiles.Get(CdcFiles.CasesDeaths2021)).First();
        Assert.StartsWith(realHeader + "\n", sample, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", sample, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_ThenIngest_Loads60JurisdictionsOver495Days()
    {
        await File.WriteAllTextAsync(_dir.File("sample.csv"), Sample());

        var info = await DatasetIngestor.IngestAsync(TestSchemas.CasesDeathsName, TestSchemas.CasesDeaths, _dir.File("sample.csv"), _dir.File("sample.parquet"), "sample", true, CancellationToken.None);

        Assert.Equal(60 * 495, info.RowCount);
        Assert.Equal(new DateOnly(2020, 1, 22), info.MinDate);
        Assert.Equal(new DateOnly(2021, 5, 30), info.MaxDate);
        Assert.True(info.Synthetic);
    }

    [Fact]
    public void Write_Rows_AreConsistentAndShapedLikeTheEpidemic()
    {
        var rows = Sample().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();

        Assert.Equal(TestSchemas.CasesDeathsCodes.Order(StringComparer.Ordinal), rows.Select(r => r[1]).Distinct().Order(StringComparer.Ordinal));
        foreach (var series in rows.GroupBy(r => r[1]))
        {
            long totCases = 0, totDeaths = 0;
            foreach (var r in series)
            {
                totCases += long.Parse(r[5], CultureInfo.InvariantCulture);
                totDeaths += long.Parse(r[10], CultureInfo.InvariantCulture);
                Assert.Equal(totCases, long.Parse(r[2], CultureInfo.InvariantCulture));
                Assert.Equal(totDeaths, long.Parse(r[7], CultureInfo.InvariantCulture));
            }
        }
        // The real national totals on 2021-05-30 were about 33 million cases and 590,000 deaths.
        var last = rows.Where(r => r[0] == "05/30/2021").ToList();
        Assert.InRange(last.Sum(r => long.Parse(r[2], CultureInfo.InvariantCulture)), 20_000_000, 50_000_000);
        Assert.InRange(last.Sum(r => long.Parse(r[7], CultureInfo.InvariantCulture)), 300_000, 900_000);
        Assert.Contains(rows, r => r[5].StartsWith('-'));
        Assert.Contains(rows, r => r[3].Length == 0 && r[4].Length == 0);
        Assert.Contains(rows, r => r[3].Length > 0);

        long Cases(string state, DateOnly from, DateOnly to) => rows
            .Where(r => r[1] == state)
            .Where(r => DateOnly.ParseExact(r[0], "MM/dd/yyyy", CultureInfo.InvariantCulture) is var d && d >= from && d <= to)
            .Sum(r => long.Parse(r[5], CultureInfo.InvariantCulture));
        var april = (new DateOnly(2020, 4, 1), new DateOnly(2020, 4, 30));
        var july = (new DateOnly(2020, 7, 1), new DateOnly(2020, 7, 31));
        var january = (new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 31));
        Assert.True(Cases("NYC", april.Item1, april.Item2) > 3 * Cases("NYC", july.Item1, july.Item2), "spring wave in New York City");
        Assert.True(Cases("TX", july.Item1, july.Item2) > 3 * Cases("TX", april.Item1, april.Item2), "summer wave in Texas");
        Assert.True(Cases("CA", january.Item1, january.Item2) > Cases("CA", july.Item1, july.Item2), "winter wave everywhere");
    }
}
