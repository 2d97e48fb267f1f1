extern alias cli;
using cli::Covid.Cli;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Samples;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using Covid.Tests.Support.Cli;
using DuckDB.NET.Data;

namespace Covid.Tests.EndToEnd;

/// <summary>covid datasets generate, and what it writes loading on the server's ingestion path.</summary>
public sealed class GenerateCommandTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Generate_ToFile_SaysSyntheticAndWritesTheRows()
    {
        var file = _dir.File("cases.csv");

        var (code, output, error) = await CliRun.InvokeAsync("datasets", "generate", "--schema", "cdc-case-surveillance", "--rows", "5000", "--out", file, "--seed", "3");

        Assert.Equal(ExitCode.Success, code);
        Assert.Contains("SYNTHETIC", error, StringComparison.Ordinal);
        Assert.Contains("not CDC data", error, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.Equal(GeneratedRows.Text(5000, 3), await File.ReadAllTextAsync(file));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public async Task Generate_UnknownSchema_InvalidArgumentAndNoFile()
    {
        var (code, _, error) = await CliRun.InvokeAsync("datasets", "generate", "--schema", "cdc-covid-net", "--rows", "10", "--out", _dir.File("x.csv"));

        Assert.Equal(ExitCode.InvalidArgument, code);
        Assert.Contains("has no generator", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public async Task Generate_ThenIngest_TypedValuesMatchTheFile()
    {
        var csv = _dir.File("cases.csv");
        Assert.Equal(ExitCode.Success, (await CliRun.InvokeAsync("datasets", "generate", "--schema", "cdc-case-surveillance", "--rows", "30000", "--out", csv)).Code);

        var info = await DatasetIngestor.IngestAsync("cases", TestSchemas.CaseSurveillance, csv, _dir.File("cases.parquet"), "generated", true, CancellationToken.None);

        var rows = GeneratedRows.Parse(await File.ReadAllTextAsync(csv));
        Assert.Equal(rows.Count, info.RowCount);
        var dates = rows.Select(r => DateOnly.ParseExact(r[0], TestSchemas.CaseSurveillanceDateFormat)).ToList();
        Assert.Equal(dates.Min(), info.MinDate);
        Assert.Equal(dates.Max(), info.MaxDate);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FILTER (WHERE death_yn = 'Yes'), COUNT(onset_dt), COUNT(*) FILTER (WHERE race_ethnicity_combined = 'Black, Non-Hispanic') FROM read_parquet('{info.ParquetPath}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(rows.Count(r => r[10] == "Yes"), reader.GetInt64(0));
        Assert.Equal(rows.Count(r => r[3].Length > 0), reader.GetInt64(1));
        Assert.Equal(rows.Count(r => r[7] == "Black, Non-Hispanic"), reader.GetInt64(2));
    }

    [Fact]
    public async Task Generate_ThenUploadToServer_Loads()
    {
        var csv = _dir.File("cases.csv");
        Assert.Equal(ExitCode.Success, (await CliRun.InvokeAsync("datasets", "generate", "--schema", "cdc-case-surveillance", "--rows", "20000", "--out", csv)).Code);

        var (code, output, error) = await CliRun.InvokeAsync("datasets", "upload", csv, "--name", "synthetic-cases", "--schema", "cdc-case-surveillance", "--replace", "--synthetic", "--server", server.Address);

        Assert.True(code == ExitCode.Success, error);
        Assert.StartsWith("synthetic-cases version 1: 20000 rows of cdc-case-surveillance, 2020-", output, StringComparison.Ordinal);
        Assert.EndsWith("(synthetic)", output.TrimEnd(), StringComparison.Ordinal);
        var (_, listed, _) = await CliRun.InvokeAsync("datasets", "list", "--output", "csv", "--server", server.Address);
        var line = listed.Split('\n').Single(l => l.StartsWith("synthetic-cases,", StringComparison.Ordinal));
        Assert.Contains(",true,", line, StringComparison.Ordinal);
    }
}
