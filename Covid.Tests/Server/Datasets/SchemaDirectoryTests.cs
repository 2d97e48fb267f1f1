extern alias cli;
using System.Globalization;
using System.Text.Json;
using Covid.Tests.Support;
using Covid.Tests.Support.Cli;

namespace Covid.Tests.Server.Datasets;

/// <summary>
/// An operator adds a dataset with a file, not a release: a schema file in Data:SchemaDirectory is
/// listed, loads a real CDC export and analyses with no code; a bad file stops the start naming the
/// file and the JSON key.
/// </summary>
public sealed class SchemaDirectoryTests : IDisposable
{
    // RESP-LENS counts only: a SODA selection of ch5i-63ve (the rest of the file's columns are ignored).
    private const string CountsSchema = """
        {
          "name": "resp-lens-counts",
          "title": "RESP-LENS positive tests by HHS region (counts only)",
          "cdcIds": ["ch5i-63ve"],
          "exports": {"soda": {"url": "https://data.cdc.gov/resource/ch5i-63ve.csv"}},
          "grain": "week-ending-saturday",
          "timeField": "week_end",
          "geography": {"field": "region", "values": ["National", "Region 1", "Region 2", "Region 3", "Region 4", "Region 5", "Region 6", "Region 7", "Region 8", "Region 9", "Region 10"]},
          "fields": [
            {"name": "week", "type": "int64", "role": "dimension", "description": "MMWR year and week, yyyyww"},
            {"name": "virus", "type": "string", "role": "dimension", "description": "SARS-CoV-2, Influenza or RSV"},
            {"name": "region", "type": "string", "role": "geography", "description": "National or Region 1..10"},
            {"name": "age_gp", "type": "string", "role": "dimension", "description": "Age group",
             "levels": {"All Ages": "all", "0-4 years": "age", "5-17 years": "age", "18-24 years": "age", "25-49 years": "age", "50-64 years": "age", "65+ years": "age"}},
            {"name": "number_pos", "type": "int64", "role": "measure", "unit": "positive tests", "additivity": "time-and-geography", "description": "Positive tests"},
            {"name": "week_end", "type": "date", "role": "time", "derived": {"mmwrWeekEnd": {"yearWeek": "week"}}, "description": "The Saturday ending the week"}
          ]
        }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("covid-schemas-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task SchemaFile_ListedLoadedAndAnalysed_WithNoCode()
    {
        var file = Path.Combine(_dir, "resp-lens-counts.json");
        File.WriteAllText(file, CountsSchema);
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = { ["Data:SchemaDirectory"] = _dir } });
        var server = host.App.Urls.Single();

        var (_, schemas, _) = await CliRun.InvokeAsync("datasets", "schemas", "--output", "json", "--server", server);
        var listed = JsonDocument.Parse(schemas).RootElement.EnumerateArray().Single(s => s.GetProperty("schema").GetString() == "resp-lens-counts");
        Assert.Equal(file, listed.GetProperty("source").GetString());

        var (upload, uploaded, notes) = await CliRun.InvokeAsync("datasets", "upload", CdcFiles.Get(CurrentCdcFiles.RespLens), "--name", "counts", "--schema", "resp-lens-counts", "--server", server);
        Assert.True(upload == cli::Covid.Cli.ExitCode.Success, notes);
        Assert.Equal("counts version 1: 32760 rows of resp-lens-counts, 2021-11-27..2024-08-31\n", uploaded);
        Assert.Contains("columns the schema does not know, ignored: season, number_tested, percent_pos", notes, StringComparison.Ordinal);

        var spec = Path.Combine(_dir, "spec.json");
        File.WriteAllText(spec, """
            {"dataset": "counts", "filters": [{"field": "virus", "values": ["RSV"]}, {"field": "age_gp", "values": ["All Ages"]}, {"field": "geo_level", "values": ["hhs_region"]}],
             "timeBucket": "SEASON", "metrics": [{"name": "positives", "aggregation": "SUM", "field": "number_pos"}]}
            """);
        var (run, csv, runError) = await CliRun.InvokeAsync("run", spec, "--output", "csv", "--server", server);

        Assert.True(run == cli::Covid.Cli.ExitCode.Success, runError);
        var table = new CdcTable(CurrentCdcFiles.RespLens);
        var expected = table.Rows.Where(r => table.Text(r, "virus") == "RSV" && table.Text(r, "age_gp") == "All Ages" && table.Text(r, "region") != "National")
            .GroupBy(r => table.Text(r, "season")).OrderBy(g => g.Key, StringComparer.Ordinal)
            // A season's period is the Sunday of MMWR week 40 of the year it starts in.
            .Select(g => $"{Epiweeks.Week1Sunday(int.Parse(g.Key[..4], CultureInfo.InvariantCulture)).AddDays(7 * 39):yyyy-MM-dd},{g.Key},{g.Sum(r => table.Long(r, "number_pos"))}");
        Assert.Equal(["period,season,positives", .. expected], csv.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task SchemaFile_Invalid_StopsTheStartNamingFileAndKey()
    {
        var file = Path.Combine(_dir, "broken.json");
        File.WriteAllText(file, CountsSchema.Replace("\"grain\": \"week-ending-saturday\"", "\"grain\": \"weekly\"", StringComparison.Ordinal));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ServerHost.StartAsync(new ServerHostOptions { Settings = { ["Data:SchemaDirectory"] = _dir } }));

        Assert.Contains($"schema file {file}: $.grain: 'weekly' is not a grain", error.ToString(), StringComparison.Ordinal);
    }
}
