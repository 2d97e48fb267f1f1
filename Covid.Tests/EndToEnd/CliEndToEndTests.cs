extern alias cli;
using System.Buffers.Binary;
using System.Globalization;
using cli::Covid.Cli;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using Covid.Tests.Support.Cli;

namespace Covid.Tests.EndToEnd;

/// <summary>The covid CLI against the real server over a loopback gRPC channel, checked against the CDC file itself.</summary>
public sealed class CliEndToEndTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly TempDirectory directory = new("covid-cli-e2e-");

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Run_WeeklyExampleAsCsv_RowsMatchTheCdcFileAndPngWritten()
    {
        var png = directory.File("weekly.png");

        var (code, output, error) = await CliRun.InvokeAsync(
            "run", CliRun.Example("weekly-cases-by-state.json"), "--output", "csv", "--plot", png, "--server", server.Address);

        Assert.True(code == ExitCode.Success, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("period,state,cases,deaths,days,cfr", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => (f[0], f[1]));
        foreach (var (state, monday) in new[] { ("CA", "2020-07-06"), ("NY", "2020-04-06"), ("NYC", "2020-03-30"), ("NJ", "2020-09-14") })
        {
            var (cases, deaths, days) = WeekTotals(state, DateOnly.ParseExact(monday, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            var row = rows[(monday, state)];
            Assert.Equal(cases, long.Parse(row[2], CultureInfo.InvariantCulture));
            Assert.Equal(deaths, long.Parse(row[3], CultureInfo.InvariantCulture));
            Assert.Equal(days, long.Parse(row[4], CultureInfo.InvariantCulture));
            Assert.Equal((double)deaths / cases, double.Parse(row[5], CultureInfo.InvariantCulture), 12);
        }

        // Ordered by cases, largest first, as the spec asks.
        var ordered = lines.Skip(1).Select(l => long.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ordered.OrderDescending(), ordered);
        Assert.Contains("[finished] 100%", error);
        Assert.Equal((1000, 600), PngSize(png));
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
    }

    [Fact]
    public async Task Run_UnknownStateCode_InvalidArgumentWithFieldPath()
    {
        var spec = directory.File("bad.json");
        File.WriteAllText(spec, File.ReadAllText(CliRun.Example("weekly-cases-by-state.json")).Replace("\"NJ\"", "\"ZZ\"", StringComparison.Ordinal));

        var (code, output, error) = await CliRun.InvokeAsync("run", spec, "--server", server.Address);

        Assert.Equal(ExitCode.InvalidArgument, code);
        Assert.Contains("spec.filters[0].values[2]", error);
        Assert.Empty(output);
    }

    [Fact]
    public async Task DatasetsUpload_WrongHeader_InvalidArgumentAndNothingListed()
    {
        var csv = directory.File("wrong.csv");
        File.WriteAllText(csv, "submission_date,state,tot_cases\n01/22/2020,NY,5\n");

        var (code, _, error) = await CliRun.InvokeAsync("datasets", "upload", csv, "--name", "wrong-header", "--schema", "cdc-cases-deaths-by-state", "--server", server.Address);
        var (listCode, listed, _) = await CliRun.InvokeAsync("datasets", "list", "--output", "csv", "--server", server.Address);

        Assert.Equal(ExitCode.InvalidArgument, code);
        Assert.Contains("line 1", error);
        Assert.Equal(ExitCode.Success, listCode);
        Assert.Contains("cdc-cases-deaths-by-state,", listed);
        Assert.DoesNotContain("wrong-header", listed);
    }

    [Fact]
    public async Task DatasetsUpload_LargeFileBadLineEarly_ServerMessageNotAStreamError()
    {
        // Many chunks after the bad line: the server may reject before reading them all, and the
        // client must still report the server's reason rather than a broken stream.
        var csv = directory.File("large-bad.csv");
        var lines = File.ReadLines(CdcFiles.Get(CdcFiles.CasesDeaths2021)).ToList();
        lines.Insert(2, "13/45/2020,NY,1,,,1,0,0,,,0,0,01/27/2021 12:00:00 AM,Agree,Agree");
        File.WriteAllLines(csv, lines.Concat(lines.Skip(1)).Concat(lines.Skip(1)));

        var (code, _, error) = await CliRun.InvokeAsync("datasets", "upload", csv, "--name", "large-bad", "--schema", "cdc-cases-deaths-by-state", "--server", server.Address);

        Assert.Equal(ExitCode.InvalidArgument, code);
        Assert.Contains("line 3", error);
    }

    [Fact]
    public async Task SubmitWatchResult_UploadedDataset_SameRowsAsRun()
    {
        var csv = directory.File("slice.csv");
        File.WriteAllLines(csv, File.ReadLines(CdcFiles.Get(CdcFiles.CasesDeaths2020)).Take(1001));
        var upload = await CliRun.InvokeAsync("datasets", "upload", csv, "--name", "slice-2020", "--schema", "cdc-cases-deaths-by-state", "--replace", "--server", server.Address);
        Assert.True(upload.Code == ExitCode.Success, upload.Error);
        var spec = directory.File("slice.json");
        File.WriteAllText(spec, """{"dataset": "slice-2020", "groupBy": ["state"], "metrics": [{"name": "rows", "aggregation": "COUNT"}]}""");

        var submitted = await CliRun.InvokeAsync("submit", spec, "--server", server.Address);
        var name = submitted.Output.Trim();
        var watched = await CliRun.InvokeAsync("watch", name, "--server", server.Address);
        var result = await CliRun.InvokeAsync("result", name, "--output", "json", "--server", server.Address);

        Assert.StartsWith("analyses/", name);
        Assert.Equal(ExitCode.Success, watched.Code);
        Assert.EndsWith($"{name} SUCCEEDED", watched.Output.TrimEnd());
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Equal(1000, json.RootElement.EnumerateArray().Sum(r => r.GetProperty("rows").GetInt64()));
        Assert.Contains("note: source: slice-2020 version 1", result.Error, StringComparison.Ordinal);
    }

    /// <summary>Cases, deaths and reporting days of one state's ISO week, summed straight from the CSV.</summary>
    private static (long Cases, long Deaths, long Days) WeekTotals(string state, DateOnly monday)
    {
        var week = IndependentRow.ReadAll(CdcFiles.Get(CdcFiles.CasesDeaths2021))
            .Where(r => r.State == state && r.Date >= monday && r.Date < monday.AddDays(7))
            .ToList();
        // Every day of these weeks reports both counts: an empty cell fails here rather than counting as 0.
        return (week.Sum(r => r.NewCase!.Value), week.Sum(r => r.NewDeath!.Value), week.Count);
    }

    /// <summary>Width and height from the PNG's IHDR chunk, after checking the signature.</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
