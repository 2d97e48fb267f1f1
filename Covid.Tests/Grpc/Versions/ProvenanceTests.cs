extern alias cli;
using System.Text.Json;
using Covid.Server.Plots;
using Covid.SparkJob.Catalog;
using Covid.Tests.Support;
using Covid.Tests.Support.Cli;
using Covid.V1;
using SkiaSharp;
using ExitCode = cli::Covid.Cli.ExitCode;

namespace Covid.Tests.Grpc.Versions;

/// <summary>
/// Where a number comes from is on everything a user sees: the chart's source line, and the CLI's
/// <c>datasets versions</c>, <c>status</c>, <c>result</c> (table footer and JSON) and <c>explain</c>.
/// </summary>
public sealed class ProvenanceTests(TwoExportsFixture fixture) : IClassFixture<TwoExportsFixture>
{
    private ServerHost Host => fixture.Host;

    private string Server => Host.Address;

    [Fact]
    public async Task Chart_CompareTo_SourceLineNamesBothVersionsAndIsDrawnUnderTheChart()
    {
        var ct = Timeouts.Token(90);
        var spec = Vintages.WeeklyByState();
        spec.CompareTo = new CompareTo { Version = 1 };
        spec.Filters.Add(new Filter { Field = "state", Values = { "NY", "FL" } });
        spec.Plot = new Plot { Kind = Plot.Types.Kind.Line, X = "period", Y = { "cases_revision" }, Series = "state", Width = 900, Height = 500 };

        var (analysis, result) = await Vintages.RunAsync(Host.Analyses, spec, ct);
        var (_, png) = await ServerCalls.PlotAsync(Host.Analyses, analysis.Name, ct);

        Assert.Equal(
            "Source: CDC 9mfq-cb36, data as of 2021-05-31, version 2 of cases, revisions against version 1 (data as of 2020-09-24), " +
            $"sha256 {fixture.Second.Sha256[..8]} · upload:{CdcFiles.CasesDeaths2021}",
            SourceFooter.Text(result, SchemaCatalog.BuiltIn));
        using var bitmap = PngAssert.Decode(png, 900, 500);
        // The line's grey text in the bottom band, left-aligned from the margin.
        var text = Enumerable.Range(500 - SourceFooter.Height, SourceFooter.Height)
            .SelectMany(y => Enumerable.Range(0, 900).Select(x => bitmap.GetPixel(x, y)))
            .Count(p => p.Red < 0xa0 && p.Red == p.Green && p.Green == p.Blue);
        Assert.True(text > 200, $"only {text} text pixels in the source line");
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "covid-vintages-revision-chart.png"), png, ct);
    }

    [Fact]
    public async Task Cli_DatasetsVersions_ListsBothNewestFirstWithDataAsOfAndSha256()
    {
        var (code, output, error) = await CliRun.InvokeAsync("datasets", "versions", Vintages.Name, "--server", Server);

        Assert.True(code == ExitCode.Success, error);
        var lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("version", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.Matches($@"^\s*2\s+2021-05-31\s+field created_at\s.*upload:{CdcFiles.CasesDeaths2021}\s+29700\s.*{fixture.Second.Sha256}$", lines[2]);
        Assert.Matches($@"^\s*1\s+2020-09-24\s+field created_at\s.*upload:{CdcFiles.CasesDeaths2020}\s+14760\s.*{fixture.First.Sha256}$", lines[3]);
    }

    [Fact]
    public async Task Cli_StatusResultAndExplain_NameTheVersionRead()
    {
        var ct = Timeouts.Token(90);
        var spec = Vintages.WeeklyByState();
        spec.AsOf = "2020-12-31";
        var (analysis, _) = await Vintages.RunAsync(Host.Analyses, spec, ct);
        using var dir = new TempDirectory("covid-provenance-");
        var specFile = dir.File("spec.json");
        await File.WriteAllTextAsync(specFile, Google.Protobuf.JsonFormatter.Default.Format(spec), ct);

        var status = await CliRun.InvokeAsync("status", analysis.Name, "--server", Server);
        var table = await CliRun.InvokeAsync("result", analysis.Name, "--server", Server);
        var json = await CliRun.InvokeAsync("result", analysis.Name, "--output", "json", "--server", Server);
        var explain = await CliRun.InvokeAsync("explain", specFile, "--server", Server);

        var line = $"cases version 1 · data as of 2020-09-24 · upload:{CdcFiles.CasesDeaths2020} · sha256 {fixture.First.Sha256}";
        Assert.True(status.Code == ExitCode.Success, status.Error);
        Assert.Matches(@"(?m)^version\s+1$", status.Output);
        Assert.Matches(@"(?m)^data_as_of\s+2020-09-24$", status.Output);
        Assert.Matches($@"(?m)^source\s+upload:{CdcFiles.CasesDeaths2020}$", status.Output);
        Assert.Matches($@"(?m)^sha256\s+{fixture.First.Sha256}$", status.Output);
        Assert.EndsWith("source: " + line, table.Output.TrimEnd(), StringComparison.Ordinal);
        // JSON stays the rows (what scripts parse); the source goes to stderr.
        using var parsed = JsonDocument.Parse(json.Output);
        Assert.Contains("note: source: " + line, json.Error, StringComparison.Ordinal);
        Assert.Equal(analysis.Spec.Limit == 0 ? (int)(await Vintages.FinishAsync(Host.Analyses, analysis.Name, ct)).Result.RowCount : 0, parsed.RootElement.GetArrayLength());
        Assert.True(explain.Code == ExitCode.Success, explain.Error);
        Assert.Contains(line, explain.Output, StringComparison.Ordinal);
    }
}
