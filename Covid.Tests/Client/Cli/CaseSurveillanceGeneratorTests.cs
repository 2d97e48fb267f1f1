extern alias cli;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using cli::Covid.Cli.Generation;
using Covid.SparkJob.Catalog;
using Covid.Tests.Support.Cdc;
using Covid.Tests.Support;

namespace Covid.Tests.Client.Cli;

public sealed class CaseSurveillanceGeneratorTests
{
    private const int Sample = 200_000;
    private static readonly Lazy<List<string[]>> Rows = new(() => GeneratedRows.Parse(GeneratedRows.Text(Sample, seed: 7)));

    private static int Column(string name) => TestSchemas.CaseSurveillance.Fields.ToList().FindIndex(f => f.Name == name);

    private static double Share(Func<string[], bool> where, Func<string[], bool>? among = null)
    {
        var set = Rows.Value.Where(among ?? (_ => true)).ToList();
        return (double)set.Count(where) / set.Count;
    }

    [Fact]
    public void Write_SameSeed_SameBytes_OtherSeedDiffers()
    {
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(GeneratedRows.Text(20_000, 42)));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(GeneratedRows.Text(20_000, 42)));
        var c = SHA256.HashData(Encoding.UTF8.GetBytes(GeneratedRows.Text(20_000, 43)));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Write_FewerRows_IsPrefixOfMoreRows()
    {
        var shorter = GeneratedRows.Text(1_000, 5);
        var longer = GeneratedRows.Text(3_000, 5);

        Assert.StartsWith(shorter, longer, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Header_IsTheCatalogSchemaHeaderInOrder()
    {
        var header = GeneratedRows.Text(0, 1).TrimEnd('\n');

        Assert.Equal(string.Join(",", TestSchemas.CaseSurveillance.Fields.Select(f => f.HeaderName)), header);
        Assert.Equal(CaseSurveillanceGenerator.SchemaName, TestSchemas.CaseSurveillanceName);
    }

    [Fact]
    public void Write_EveryCell_IsAValueCdcWrites()
    {
        var allowed = new Dictionary<string, IReadOnlyList<string>>
        {
            ["current_status"] = TestSchemas.CaseSurveillanceValues("current_status"), ["sex"] = TestSchemas.CaseSurveillanceValues("sex"),
            ["age_group"] = TestSchemas.CaseSurveillanceValues("age_group"), ["race_ethnicity_combined"] = TestSchemas.CaseSurveillanceValues("race_ethnicity_combined"),
            ["hosp_yn"] = TestSchemas.CaseSurveillanceValues("hosp_yn"), ["icu_yn"] = TestSchemas.CaseSurveillanceValues("hosp_yn"),
            ["death_yn"] = TestSchemas.CaseSurveillanceValues("hosp_yn"), ["medcond_yn"] = TestSchemas.CaseSurveillanceValues("hosp_yn"),
        };
        foreach (var row in Rows.Value.Take(50_000))
        {
            Assert.Equal(12, row.Length);
            foreach (var (name, values) in allowed)
            {
                Assert.Contains(row[Column(name)], values);
            }
            var dates = row.Take(4).Where(d => d.Length > 0)
                .Select(d => DateOnly.ParseExact(d, TestSchemas.CaseSurveillanceDateFormat, CultureInfo.InvariantCulture)).ToList();
            // cdc_case_earliest_dt is always there and is the earliest date of the row.
            Assert.Equal(dates.Min(), DateOnly.ParseExact(row[0], TestSchemas.CaseSurveillanceDateFormat, CultureInfo.InvariantCulture));
            Assert.InRange(dates[0], new DateOnly(2020, 1, 1), new DateOnly(2023, 12, 31));
        }
    }

    [Theory]
    [InlineData("sex", "Female", 0.515)]
    [InlineData("sex", "Male", 0.465)]
    [InlineData("age_group", "20 - 29 Years", 0.17)]
    [InlineData("age_group", "80+ Years", 0.04)]
    [InlineData("age_group", "Missing", 0.025)]
    [InlineData("race_ethnicity_combined", "White, Non-Hispanic", 0.36)]
    [InlineData("race_ethnicity_combined", "Hispanic/Latino", 0.17)]
    [InlineData("race_ethnicity_combined", "Missing", 0.15)]
    [InlineData("current_status", "Probable Case", 0.15)]
    [InlineData("hosp_yn", "Missing", 0.35)]
    [InlineData("icu_yn", "Missing", 0.70)]
    [InlineData("death_yn", "Unknown", 0.08)]
    public void Write_CategoryShares_WithinTolerance(string column, string value, double expected)
    {
        var share = Share(r => r[Column(column)] == value);

        // 200,000 rows: three standard errors are under 0.4 points for every share here.
        Assert.InRange(share, expected - 0.006, expected + 0.006);
    }

    [Fact]
    public void Write_Outcomes_RiseWithAge()
    {
        double Rate(string outcome, string age) =>
            Share(r => r[Column(outcome)] == "Yes", r => r[Column("age_group")] == age && r[Column(outcome)] is "Yes" or "No");

        Assert.InRange(Rate("hosp_yn", "80+ Years"), 0.30, 0.45);
        Assert.InRange(Rate("hosp_yn", "20 - 29 Years"), 0.01, 0.025);
        Assert.True(Rate("death_yn", "80+ Years") > 10 * Rate("death_yn", "50 - 59 Years"));
        Assert.True(Rate("death_yn", "50 - 59 Years") > Rate("death_yn", "20 - 29 Years"));
        // ICU only after a hospital stay.
        Assert.Equal(0, Share(r => r[Column("icu_yn")] == "Yes" && r[Column("hosp_yn")] == "No"));
    }

    [Fact]
    public void Write_CaseDates_FollowTheWaves()
    {
        var byMonth = Rows.Value.GroupBy(r => r[0][..7]).ToDictionary(g => g.Key, g => g.Count());
        int Month(string key) => byMonth.GetValueOrDefault(key);

        // Omicron (Jan 2022) > winter 2020-21 > summer 2020 > spring 2020 > Feb 2020; troughs between.
        Assert.True(Month("2022/01") > 2 * Month("2021/01"));
        Assert.True(Month("2021/01") > 2 * Month("2020/07"));
        Assert.True(Month("2020/07") > Month("2020/04"));
        Assert.True(Month("2020/04") > 10 * Month("2020/02"));
        Assert.True(Month("2021/09") > 2 * Month("2021/06"));
        Assert.True(Month("2023/10") < Month("2022/10"));
        Assert.DoesNotContain(byMonth.Keys, k => string.CompareOrdinal(k, "2020/01") < 0 || string.CompareOrdinal(k, "2023/12") > 0);
    }

    [Fact]
    public void Write_ManyRows_ConstantMemoryAndMillionsPerMinute()
    {
        CaseSurveillanceGenerator.Write(TextWriter.Null, 1_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        CaseSurveillanceGenerator.Write(TextWriter.Null, 500_000, seed: 9);

        clock.Stop();
        // Rows are written from precomputed cells: allocation does not grow with the row count.
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 256 * 1024);
        // 500,000 rows in 15 s is 2 million a minute, with a wide margin for a busy machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }
}
