using Covid.SparkJob.Catalog;
using Covid.Tests.Support;
using DuckDB.NET.Data;

namespace Covid.Tests.Core.Ingestion;

/// <summary>Each current surveillance export loads from its real shared file: every line validated, its form detected, its weeks on the right day.</summary>
public sealed class CurrentDatasetsIngestionTests(CurrentDatasetsFixture data) : IClassFixture<CurrentDatasetsFixture>
{
    [Theory]
    [InlineData("nhsn-hospital-respiratory", ExportForm.Soda, 20_770, "2020-08-08", "2026-07-11")]
    [InlineData("nchs-provisional-deaths", ExportForm.Rows, 13_932, "2020-01-04", "2023-12-02")]
    [InlineData("cdc-weekly-cases-deaths-by-state", ExportForm.Rows, 9_360, "2020-01-22", "2023-01-11")]
    [InlineData("covid-net-rates", ExportForm.Rows, 179_605, "2020-03-07", "2025-07-19")]
    [InlineData("resp-net-rates", ExportForm.Rows, 50_565, "2018-10-06", "2025-07-19")]
    [InlineData("resp-lens-positivity", ExportForm.Soda, 32_760, "2021-11-27", "2024-08-31")]
    public void Ingest_RealFile_EveryRowTypedWithItsFormAndSpan(string schema, ExportForm form, long rows, string min, string max)
    {
        var info = data[schema];

        Assert.Equal(form, info.FileLayout.Form);
        Assert.Equal(rows, info.RowCount);
        Assert.Equal(DateOnly.Parse(min, System.Globalization.CultureInfo.InvariantCulture), info.MinDate);
        Assert.Equal(DateOnly.Parse(max, System.Globalization.CultureInfo.InvariantCulture), info.MaxDate);
        Assert.Equal(rows, Scalar($"SELECT COUNT(*) FROM read_parquet('{info.ParquetPath}')"));
    }

    [Fact]
    public void Ingest_NhsnSelection_LacksOnlyTheRatesItDidNotSelect()
    {
        var info = data["nhsn-hospital-respiratory"];

        Assert.Equal(["totalconfc19newadmper100k", "totalconfflunewadmper100k", "totalconfrsvnewadmper100k"], info.FileLayout.MissingFields(info.Schema));
        Assert.Empty(info.FileLayout.IgnoredColumns(info.Schema));
        // "800.0" in the SODA selection is the integer 800.
        Assert.Equal(800, Scalar($"SELECT totalconfc19newadm FROM read_parquet('{info.ParquetPath}') WHERE jurisdiction_raw = 'AL' AND weekendingdate = DATE '2021-10-09'"));
    }

    [Fact]
    public void Ingest_RespNet_DecimalMmwrYearAndTimestampWeekEnd_AreIntegersAndDates()
    {
        var info = data["resp-net-rates"];

        Assert.Equal(0, Scalar($"SELECT COUNT(*) FROM read_parquet('{info.ParquetPath}') WHERE dayofweek(_weekenddate) <> 6"));
        Assert.Equal(2022, Scalar($"SELECT MIN(mmwr_year) FROM read_parquet('{info.ParquetPath}') WHERE _weekenddate = DATE '2022-06-11'"));
        Assert.Equal(23, Scalar($"SELECT MIN(mmwr_week) FROM read_parquet('{info.ParquetPath}') WHERE _weekenddate = DATE '2022-06-11'"));
    }

    [Fact]
    public void Ingest_NchsSuppressedCounts_AreNullNotZero()
    {
        var info = data["nchs-provisional-deaths"];

        // Counts of 1-9 are written empty (with the footnote); they must stay unknown, not become 0.
        Assert.Equal(2058, Scalar($"SELECT COUNT(*) FROM read_parquet('{info.ParquetPath}') WHERE covid_19_deaths IS NULL"));
        Assert.Equal(2862, Scalar($"SELECT COUNT(*) FROM read_parquet('{info.ParquetPath}') WHERE week_ending_date IS NULL AND \"group\" <> 'By Week'"));
    }

    private static long Scalar(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
