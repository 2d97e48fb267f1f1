extern alias cli;
using System.Globalization;
using System.Text.Json;
using cli::Covid.Cli;
using Covid.Tests.Support;
using Covid.Tests.Support.Cli;

namespace Covid.Tests.EndToEnd;

/// <summary>`covid run --output json|parquet` against the real server: the same cells as `--output csv`, read back by DuckDB.</summary>
public sealed class CliOutputFormatTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly TempDirectory directory = new("covid-cli-output-");

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Run_OutputParquetAndJson_SameCellsAsCsv()
    {
        var spec = CliRun.Example("weekly-cases-by-state.json");
        var csv = await RunAsync("csv", spec);
        var json = await RunAsync("json", spec);
        var path = directory.File("weekly.parquet");
        await using (var file = File.Create(path))
        {
            var (code, output, error) = await CliRun.InvokeAsync(file, outIsTerminal: false, "run", spec, "-o", "parquet", "--server", server.Address);
            Assert.True(code == ExitCode.Success, error);
            Assert.Empty(output);
        }

        var expected = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.True(expected.Count > 100, $"{expected.Count} rows");
        Assert.Equal(expected, ParquetAsCsvLines(path));
        using var document = JsonDocument.Parse(json);
        Assert.Equal(expected, document.RootElement.EnumerateArray().Select(JsonRowAsCsvLine).ToList());
    }

    private async Task<string> RunAsync(string format, string spec)
    {
        var (code, output, error) = await CliRun.InvokeAsync("run", spec, "-o", format, "--server", server.Address);
        Assert.True(code == ExitCode.Success, error);
        return output;
    }

    private static List<string> ParquetAsCsvLines(string path)
    {
        using var duck = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var query = duck.CreateCommand();
        query.CommandText = $"SELECT period, state, cases, deaths, days, cfr FROM read_parquet('{path}')";
        using var rows = query.ExecuteReader();
        var lines = new List<string>();
        while (rows.Read())
        {
            var period = rows.GetFieldValue<DateOnly>(0).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var cfr = rows.IsDBNull(5) ? "" : rows.GetDouble(5).ToString("R", CultureInfo.InvariantCulture);
            lines.Add(string.Join(',', period, rows.GetString(1), rows.GetInt64(2), rows.GetInt64(3), rows.GetInt64(4), cfr));
        }
        return lines;
    }

    private static string JsonRowAsCsvLine(JsonElement row)
    {
        var cfr = row.GetProperty("cfr");
        return string.Join(',', row.GetProperty("period").GetString(), row.GetProperty("state").GetString(),
            row.GetProperty("cases").GetInt64(), row.GetProperty("deaths").GetInt64(), row.GetProperty("days").GetInt64(),
            cfr.ValueKind == JsonValueKind.Null ? "" : cfr.GetDouble().ToString("R", CultureInfo.InvariantCulture));
    }
}
