using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using Covid.V1;
using Google.Rpc;
using Grpc.Core;

namespace Covid.Tests.Grpc.Versions;

/// <summary>
/// The two shared 9mfq-cb36 exports (2020-09-23, 2021-05-30) under one name: each load is a
/// version with its own hash and as-of day, asOf and version select each, and compareTo's
/// revisions agree with sums computed straight from the two CSV files.
/// </summary>
public sealed class TwoExportsTests(TwoExportsFixture fixture) : IClassFixture<TwoExportsFixture>
{
    private ServerHost Host => fixture.Host;

    [Fact]
    public async Task ListDatasetVersions_TwoExports_NewestFirstWithHashAsOfRowsAndRange()
    {
        var ct = Timeouts.Token();

        var versions = await Vintages.VersionsAsync(Host.Datasets, Vintages.Name, ct);
        var listed = (await Host.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct)).Datasets.Single(d => d.Name == Vintages.Name);

        Assert.Equal([2, 1], versions.Select(v => v.Version));
        var (late, early) = (versions[0], versions[1]);
        Assert.Equal(Vintages.Sha256(Vintages.Late), late.Sha256);
        Assert.Equal(Vintages.Sha256(Vintages.Early), early.Sha256);
        // The latest created_at of each export (a record of 2020-09-24 in the "2020-09-23" export).
        Assert.Equal(("2021-05-31", "2020-09-24"), (late.DataAsOf, early.DataAsOf));
        Assert.All(versions, v => Assert.Equal("field created_at", v.DataAsOfBasis));
        Assert.Equal((29_700L, 14_760L), (late.RowCount, early.RowCount));
        Assert.Equal(("2020-01-22", "2021-05-30"), (late.MinDate, late.MaxDate));
        Assert.Equal(("2020-01-22", "2020-09-23"), (early.MinDate, early.MaxDate));
        Assert.Equal("upload:" + CdcFiles.CasesDeaths2020, early.Source);
        Assert.All(versions, v => Assert.Equal(Dataset.Types.ExportForm.RowsCsv, v.ExportForm));
        Assert.All(versions, v => Assert.False(v.Synthetic));
        Assert.True(late.LoadTime.ToDateTimeOffset() >= early.LoadTime.ToDateTimeOffset());
        Assert.Equal((2, 2, late.Sha256, "2021-05-31"), (listed.Version, listed.VersionCount, listed.Sha256, listed.DataAsOf));
        Assert.Equal(late.RowCount, listed.RowCount);
    }

    [Theory]
    [InlineData("2020-09-24", 1, 14_760)]
    [InlineData("2021-05-30", 1, 14_760)]
    [InlineData("2021-05-31", 2, 29_700)]
    [InlineData("", 2, 29_700)]
    public async Task AsOf_ADay_ReadsTheVersionKnownThen(string asOf, int version, long rows)
    {
        var ct = Timeouts.Token(60);
        var spec = Specs.Parse($$"""{"dataset": "cases", "metrics": [{"name": "rows", "aggregation": "COUNT"}], "engine": "EMBEDDED"}""");
        spec.AsOf = asOf;

        var (analysis, result) = await Vintages.RunAsync(Host.Analyses, spec, ct);

        Assert.Equal(version, analysis.DatasetVersion.Version);
        Assert.Equal(version == 1 ? fixture.First.Sha256 : fixture.Second.Sha256, analysis.DatasetVersion.Sha256);
        Assert.Equal(rows, result.Columns.Single(c => c.Name == "rows").Int64Values.Single());
        Assert.Equal(analysis.DatasetVersion, result.DatasetVersion);
    }

    [Fact]
    public async Task Version_One_ReadsTheSameRowsAsAsOfIts_Day()
    {
        var ct = Timeouts.Token(60);
        var byNumber = Vintages.WeeklyByState();
        byNumber.Version = 1;
        var byDay = Vintages.WeeklyByState();
        byDay.AsOf = "2020-12-31";

        var (first, one) = await Vintages.RunAsync(Host.Analyses, byNumber, ct);
        var (second, other) = await Vintages.RunAsync(Host.Analyses, byDay, ct);

        Assert.Equal(first.DatasetVersion, second.DatasetVersion);
        Assert.Equal(one.Columns, other.Columns);
        Assert.Equal("2020-09-21", one.Columns.Single(c => c.Name == "period").StringValues.Max());
    }

    [Theory]
    [InlineData("""{"asOf": "2020-09-23"}""", "spec.as_of", "no version with data as of 2020-09-23 or earlier")]
    [InlineData("""{"version": 3}""", "spec.version", "has no version 3; kept versions: 1 (data as of 2020-09-24), 2 (data as of 2021-05-31)")]
    [InlineData("""{"version": 1, "asOf": "2021-01-01"}""", "spec.version", "not both")]
    [InlineData("""{"asOf": "31/12/2020"}""", "spec.as_of", "is not a date")]
    [InlineData("""{"compareTo": {}}""", "spec.compare_to", "one of them")]
    [InlineData("""{"compareTo": {"version": 9}}""", "spec.compare_to.version", "has no version 9")]
    public async Task Submit_VersionThatDoesNotResolve_InvalidArgumentAtItsField(string extra, string field, string message)
    {
        var spec = Vintages.WeeklyByState();
        spec.MergeFrom(Specs.Parse(extra));

        var ex = await Vintages.FailsAsync(() => Host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec }, cancellationToken: Timeouts.Token()));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var violation = Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal(field, violation.Field);
        Assert.Contains(message, violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareTo_WeeklyCasesByState_RevisionsEqualSumsOfBothCsvFiles()
    {
        var ct = Timeouts.Token(60);
        var spec = Vintages.WeeklyByState();
        spec.CompareTo = new CompareTo { AsOf = "2020-12-31" };

        var (analysis, result) = await Vintages.RunAsync(Host.Analyses, spec, ct);

        var expected = Revisions(WeeklySums(Vintages.Late), WeeklySums(Vintages.Early));
        Assert.Equal((2, 1), (analysis.DatasetVersion.Version, analysis.CompareVersion.Version));
        Assert.Equal(analysis.CompareVersion, result.CompareVersion);
        Assert.Equal(["period", "state", "cases", "cases_then", "cases_revision", "deaths", "deaths_then", "deaths_revision"], result.Columns.Select(c => c.Name));
        var actual = Rows(result);
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (key, want) in expected)
        {
            Assert.True(actual.TryGetValue(key, out var got), $"no row for {key}");
            Assert.True(want == got, $"{key}: expected {want}, got {got}");
        }
        // The test could fail: CDC revised some weeks, and the later export has weeks the earlier lacks.
        Assert.Contains(expected.Values, r => r.CasesRevision is not (null or 0));
        Assert.Contains(expected.Values, r => r.CasesThen is null && r.Cases is not null);
    }

    [Fact]
    public async Task CompareTo_OrderByRevision_TheWeeksThatMovedMostComeFirst()
    {
        var ct = Timeouts.Token(60);
        var spec = Specs.Parse("""
            {"dataset": "cases", "compareTo": {"version": 1}, "dateRange": {"start": "2020-06-01", "end": "2020-09-20"},
             "groupBy": ["state"], "timeBucket": "WEEK", "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}],
             "orderBy": [{"column": "cases_revision", "descending": true}], "limit": 5, "engine": "EMBEDDED"}
            """);

        var (_, result) = await Vintages.RunAsync(Host.Analyses, spec, ct);

        var expected = Revisions(WeeklySums(Vintages.Late), WeeklySums(Vintages.Early))
            .Where(r => r.Key.Monday >= new DateOnly(2020, 6, 1) && r.Key.Monday <= new DateOnly(2020, 9, 14))
            .Select(r => r.Value.CasesRevision ?? long.MinValue).OrderDescending().Take(5);
        Assert.Equal(expected, result.Columns.Single(c => c.Name == "cases_revision").Int64Values);
    }

    [Fact]
    public async Task Explain_WithoutAndWithAsOf_NamesTheVersionItWouldReadNow()
    {
        var ct = Timeouts.Token();
        var spec = Vintages.WeeklyByState();
        var newest = await Host.Analyses.ExplainAnalysisAsync(new ExplainAnalysisRequest { Spec = spec }, cancellationToken: ct);
        spec.AsOf = "2020-10-01";
        var older = await Host.Analyses.ExplainAnalysisAsync(new ExplainAnalysisRequest { Spec = spec }, cancellationToken: ct);

        Assert.Equal((2, fixture.Second.Sha256), (newest.DatasetVersion.Version, newest.DatasetVersion.Sha256));
        Assert.Equal((1, "2020-09-24", "upload:" + CdcFiles.CasesDeaths2020), (older.DatasetVersion.Version, older.DatasetVersion.DataAsOf, older.DatasetVersion.Source));
        Assert.Contains("datasets/cases/v1/data.parquet", older.DuckdbSql, StringComparison.Ordinal);
        Assert.Contains("datasets/cases/v1/data.parquet", older.SparkSql, StringComparison.Ordinal);
        Assert.DoesNotContain(Host.DataDirectory, older.DuckdbSql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListDatasetVersions_PagedByOne_EachVersionOnce()
    {
        var ct = Timeouts.Token();
        var first = await Host.Datasets.ListDatasetVersionsAsync(new ListDatasetVersionsRequest { Name = Vintages.Name, PageSize = 1 }, cancellationToken: ct);
        var second = await Host.Datasets.ListDatasetVersionsAsync(new ListDatasetVersionsRequest { Name = Vintages.Name, PageSize = 1, PageToken = first.NextPageToken }, cancellationToken: ct);
        var missing = await Vintages.FailsAsync(() => Host.Datasets.ListDatasetVersionsAsync(new ListDatasetVersionsRequest { Name = "no-such" }, cancellationToken: ct));
        var forged = await Vintages.FailsAsync(() => Host.Datasets.ListDatasetVersionsAsync(new ListDatasetVersionsRequest { Name = Vintages.Name, PageToken = "bm9wZQ" }, cancellationToken: ct));

        Assert.Equal(2, first.Versions.Single().Version);
        Assert.Equal(1, second.Versions.Single().Version);
        Assert.Equal("", second.NextPageToken);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, forged.StatusCode);
    }

    private sealed record Revision(long? Cases, long? CasesThen, long? CasesRevision, long? Deaths, long? DeathsThen, long? DeathsRevision);

    /// <summary>Cases and deaths per (state, ISO week), summed from the CSV by the hand parser; null where every cell is empty.</summary>
    private static Dictionary<(DateOnly Monday, string State), (long? Cases, long? Deaths)> WeeklySums(string csv) =>
        IndependentRow.ReadAll(csv)
            .GroupBy(r => (Monday: r.Date.AddDays(-(((int)r.Date.DayOfWeek + 6) % 7)), r.State))
            .ToDictionary(g => g.Key, g => (Sum(g.Select(r => r.NewCase)), Sum(g.Select(r => r.NewDeath))));

    private static long? Sum(IEnumerable<long?> values) => values.Any(v => v is not null) ? values.Sum(v => v ?? 0) : null;

    /// <summary>The full outer join by hand: every key of either file, nulls on the side that lacks it.</summary>
    private static Dictionary<(DateOnly Monday, string State), Revision> Revisions(
        Dictionary<(DateOnly, string), (long? Cases, long? Deaths)> now, Dictionary<(DateOnly, string), (long? Cases, long? Deaths)> then) =>
        now.Keys.Union(then.Keys).ToDictionary(k => k, k =>
        {
            var (c, d) = now.TryGetValue(k, out var n) ? n : (null, null);
            var (ct, dt) = then.TryGetValue(k, out var t) ? t : (null, null);
            return new Revision(c, ct, c - ct, d, dt, d - dt);
        });

    private static Dictionary<(DateOnly Monday, string State), Revision> Rows(Result result)
    {
        long? Cell(string name, int row)
        {
            var column = result.Columns.Single(c => c.Name == name);
            return column.Nulls.Count > 0 && column.Nulls[row] ? null : column.Int64Values[row];
        }
        var rows = new Dictionary<(DateOnly, string), Revision>();
        for (var r = 0; r < result.RowCount; r++)
        {
            var key = (DateOnly.Parse(result.Columns[0].StringValues[r], System.Globalization.CultureInfo.InvariantCulture), result.Columns[1].StringValues[r]);
            rows.Add(key, new Revision(Cell("cases", r), Cell("cases_then", r), Cell("cases_revision", r), Cell("deaths", r), Cell("deaths_then", r), Cell("deaths_revision", r)));
        }
        return rows;
    }
}
