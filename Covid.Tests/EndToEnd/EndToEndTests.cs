using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using Covid.V1;
using State = Covid.V1.Analysis.Types.State;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Tests.EndToEnd;

/// <summary>The whole path over a real loopback gRPC channel to the real server, on real CDC files.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task UploadThenAnalyze_Real2020Export_ResultMatchesIndependentSumsAndPlotDecodes()
    {
        var ct = Timeouts.Token(60);
        await using var host = await ServerHost.StartAsync();
        var csv = CdcFiles.Get(CdcFiles.CasesDeaths2020);

        var dataset = await ServerCalls.UploadAsync(host.Datasets, "cdc-2020-09-23", File.ReadAllBytes(csv), ct, Path.GetFileName(csv));

        Assert.Equal("cdc-2020-09-23", dataset.Name);
        Assert.Equal("cdc-cases-deaths-by-state", dataset.Schema);
        Assert.Equal(14_760, dataset.RowCount);
        Assert.Equal(new FileInfo(csv).Length, dataset.SizeBytes);
        Assert.Equal(("2020-01-22", "2020-09-23"), (dataset.MinDate, dataset.MaxDate));
        Assert.Equal("upload:" + Path.GetFileName(csv), dataset.Source);
        Assert.False(dataset.Synthetic);
        Assert.Contains(dataset.Fields, f => f.Name == "new_case" && f.Type == DatasetField.Types.Type.Int64 && !f.Dimension);
        var listed = await host.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct);
        Assert.Equal(["cdc-2020-09-23", "cdc-cases-deaths-by-state"], listed.Datasets.Select(d => d.Name).Order());

        await AssertExampleAnalysisAsync(host, "cdc-2020-09-23", csv, ct);
    }

    [Fact]
    public async Task Analyze_SeededReal2021Export_ResultMatchesIndependentSumsAndPlotDecodes()
    {
        var ct = Timeouts.Token(60);
        await using var host = await ServerHost.StartAsync();
        var csv = CdcFiles.Get(CdcFiles.CasesDeaths2021);

        var seeded = (await host.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct)).Datasets.Single();
        Assert.Equal(("cdc-cases-deaths-by-state", 29_700L, false), (seeded.Name, seeded.RowCount, seeded.Synthetic));
        Assert.Equal("file:" + Path.GetFileName(csv), seeded.Source);

        await AssertExampleAnalysisAsync(host, "cdc-cases-deaths-by-state", csv, ct);
    }

    private static async Task AssertExampleAnalysisAsync(ServerHost host, string dataset, string csv, CancellationToken ct)
    {
        var submitted = await host.Analyses.SubmitAnalysisAsync(
            new SubmitAnalysisRequest { Spec = Specs.IssueExample(dataset), RequestId = Guid.NewGuid().ToString() }, cancellationToken: ct);
        Assert.StartsWith("analyses/", submitted.Name);
        Assert.Equal(AnalysisSpec.Types.Engine.Embedded, submitted.Engine);

        var events = await ServerCalls.StreamAsync(host.Analyses, submitted.Name, ct);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal((Stage.Queued, State.Queued), (events[0].Stage, events[0].State));
        Assert.Contains(events, e => e.Stage == Stage.Scanning && e.State == State.Running);
        Assert.Equal((Stage.Finished, State.Succeeded, 1.0), (events[^1].Stage, events[^1].State, events[^1].Fraction));
        Assert.All(events, e => Assert.Equal(submitted.Name, e.Analysis));

        var analysis = await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = submitted.Name }, cancellationToken: ct);
        Assert.Equal(State.Succeeded, analysis.State);
        Assert.True(analysis.HasPlot);
        Assert.Equal(events[^1], analysis.Progress);

        var result = await host.Analyses.GetResultAsync(new GetResultRequest { Name = submitted.Name }, cancellationToken: ct);
        Assert.Equal(["period", "state", "cases", "deaths", "days", "cfr"], result.Columns.Select(c => c.Name));
        Assert.Equal(
            [Column.Types.Type.Date, Column.Types.Type.String, Column.Types.Type.Int64, Column.Types.Type.Int64, Column.Types.Type.Int64, Column.Types.Type.Double],
            result.Columns.Select(c => c.Type));
        Assert.Equal(analysis.ResultRowCount, result.RowCount);
        Assert.Equal(4 * 29, result.RowCount); // four states × ISO weeks from 2020-03-02 to the week of 2020-09-20
        var cases = result.Columns[2].Int64Values;
        Assert.True(cases.Zip(cases.Skip(1)).All(p => p.First >= p.Second), "rows are ordered by cases, descending");
        Assert.Equal("2020-03-02", result.Columns[0].StringValues.Min());
        Assert.Equal("2020-09-14", result.Columns[0].StringValues.Max());

        var rows = IndependentRow.ReadAll(csv);
        foreach (var (state, week) in new[] { ("NY", "2020-03-30"), ("NYC", "2020-04-06"), ("CA", "2020-07-13"), ("NJ", "2020-09-14") })
        {
            var start = DateOnly.Parse(week);
            var inWeek = rows.Where(r => r.State == state && Weeks.Monday(r.Date) == start && r.Date <= new DateOnly(2020, 9, 20)).ToList();
            var row = Enumerable.Range(0, (int)result.RowCount)
                .Single(i => result.Columns[0].StringValues[i] == week && result.Columns[1].StringValues[i] == state);
            var expectedCases = inWeek.Sum(r => r.NewCase ?? 0);
            var expectedDeaths = inWeek.Sum(r => r.NewDeath ?? 0);
            Assert.Equal(expectedCases, result.Columns[2].Int64Values[row]);
            Assert.Equal(expectedDeaths, result.Columns[3].Int64Values[row]);
            Assert.Equal(inWeek.Count, result.Columns[4].Int64Values[row]);
            Assert.Equal((double)expectedDeaths / expectedCases, result.Columns[5].DoubleValues[row], 12);
        }

        var (first, png) = await ServerCalls.PlotAsync(host.Analyses, submitted.Name, ct);
        Assert.Equal(("image/png", 1000, 600), (first.ContentType, first.Width, first.Height));
        PngAssert.Picture(png, 1000, 600);
    }
}
