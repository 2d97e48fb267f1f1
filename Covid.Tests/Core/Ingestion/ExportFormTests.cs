using System.Globalization;
using System.Text;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.Tests.Support.Cdc;
using Covid.Tests.Support;
using DuckDB.NET.Data;

namespace Covid.Tests.Core.Ingestion;

/// <summary>
/// Both data.cdc.gov export forms of one dataset load into the same typed rows: r8kw-7aab's rows.csv
/// beside the same rows written the SODA way (API field names, a selection in another order, every
/// field quoted, timestamps, integers as "12.0"), with the form detected and reported.
/// </summary>
public sealed class ExportFormTests(CurrentDatasetsFixture data) : IClassFixture<CurrentDatasetsFixture>, IDisposable
{
    private static readonly string[] Selection =
        ["state", "covid_19_deaths", "week_ending_date", "group", "total_deaths", "mmwr_week", "percent_of_expected_deaths", "start_date", "extra_note"];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Ingest_SodaSelectionOfTheSameRows_EqualsTheRowsCsv()
    {
        var schema = SchemaCatalog.BuiltIn.Get("nchs-provisional-deaths");
        var soda = _dir.File("soda.csv");
        File.WriteAllText(soda, SodaOf(schema, CurrentCdcFiles.NchsDeaths, row => row));

        var info = await Ingest(schema, soda);

        Assert.Equal(ExportForm.Soda, info.FileLayout.Form);
        Assert.Equal(["data_as_of", "end_date", "year", "month", "pneumonia_deaths", "pneumonia_and_covid_19_deaths", "influenza_deaths", "pneumonia_influenza_or_covid_19_deaths", "footnote"],
            info.FileLayout.MissingFields(schema));
        Assert.Equal(["extra_note"], info.FileLayout.IgnoredColumns(schema));
        var rows = data["nchs-provisional-deaths"];
        var common = string.Join(", ", Selection.SkipLast(1).Select(c => $"\"{c}\""));
        Assert.Equal(13_932, Scalar($"SELECT COUNT(*) FROM read_parquet('{info.ParquetPath}')"));
        Assert.Equal(0, Scalar($"SELECT COUNT(*) FROM (SELECT {common} FROM read_parquet('{info.ParquetPath}') EXCEPT ALL SELECT {common} FROM read_parquet('{rows.ParquetPath}'))"));
        Assert.Equal(13_932, Scalar($"SELECT COUNT(*) FROM read_parquet('{info.ParquetPath}') WHERE footnote IS NULL AND data_as_of IS NULL"));
    }

    [Fact]
    public async Task Ingest_SodaIntegerWithAFraction_RefusedNamingLineAndColumn()
    {
        var schema = SchemaCatalog.BuiltIn.Get("nchs-provisional-deaths");
        var soda = _dir.File("soda.csv");
        // The United States' total deaths of the week ending 2020-01-11 (the file's second data line).
        File.WriteAllText(soda, SodaOf(schema, CurrentCdcFiles.NchsDeaths, row => row.Select(c => c == "\"60734.0\"" ? "\"60734.5\"" : c).ToArray()));

        var error = await Assert.ThrowsAsync<DatasetFormatException>(() => Ingest(schema, soda));

        Assert.Equal(3, error.Line);
        Assert.Equal("column total_deaths: '60734.5' is not an integer (a decimal part must be zero, as in 800.0)", error.Problem);
    }

    [Fact]
    public async Task Ingest_SodaWithoutTheTimeColumn_RefusedNamingIt()
    {
        var schema = SchemaCatalog.BuiltIn.Get("nchs-provisional-deaths");
        var soda = _dir.File("soda.csv");
        File.WriteAllText(soda, "\"state\",\"covid_19_deaths\"\n\"Alabama\",\"12.0\"\n");

        var error = await Assert.ThrowsAsync<DatasetFormatException>(() => Ingest(schema, soda));

        Assert.Equal(1, error.Line);
        Assert.Contains("a SODA export of nchs-provisional-deaths needs the time and geography columns; 'week_ending_date' is missing (add it to $select)", error.Problem, StringComparison.Ordinal);
    }

    /// <summary>The rows.csv rewritten as SODA writes it, with the <see cref="Selection"/> of columns in that order.</summary>
    private static string SodaOf(DatasetSchema schema, string file, Func<string[], string[]> edit)
    {
        var csv = new RealCsv(file);
        var text = new StringBuilder(string.Join(",", Selection.Select(c => $"\"{c}\"")) + "\n");
        foreach (var row in csv.Rows)
        {
            var cells = Selection.Select(c => c == "extra_note" ? "\"x\"" : Quote(Soda(schema.Field(c)!, csv.Text(row, schema.Field(c)!.RowsColumn!)))).ToArray();
            text.Append(string.Join(",", edit(cells))).Append('\n');
        }
        return text.ToString();
    }

    private static string Soda(SchemaField field, string cell) => cell.Length == 0 ? "" : field.Type switch
    {
        FieldType.Date => DateOnly.ParseExact(cell, "MM/dd/yyyy", CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00.000",
        FieldType.Int64 => cell + ".0",
        _ => cell,
    };

    private static string Quote(string cell) => cell.Length == 0 ? "" : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private async Task<DatasetInfo> Ingest(DatasetSchema schema, string csv)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await DatasetIngestor.IngestAsync("soda", schema, csv, _dir.File(Guid.NewGuid().ToString("N") + ".parquet"), "test", false, timeout.Token);
    }

    private static long Scalar(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
