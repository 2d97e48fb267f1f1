extern alias cli;
using cli::Covid.Client;
using Covid.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Parquet;

namespace Covid.Tests.Grpc.Sdk;

/// <summary>The SDK as a .NET user writes against it, over a real channel to the real server seeded with the CDC export.</summary>
public sealed class SdkClientTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture server;

    public SdkClientTests(ServerFixture server) => this.server = server;

    [Fact]
    public async Task Handle_BuiltSpec_ProgressResultTypedColumnsAndPlot()
    {
        await using var client = new CovidClient(new CovidClientOptions { Address = server.Address });
        var spec = AnalysisSpec.For("cdc-cases-deaths-by-state").Between(new DateOnly(2020, 3, 2), new DateOnly(2020, 9, 20))
            .Where("state", "NY", "NJ").GroupBy("state").Weekly().Sum("cases", "new_case").Sum("deaths", "new_death").Ratio("cfr", "deaths", "cases")
            .Plot(PlotKind.Line, "period", ["cases"], series: "state").Build();

        var analysis = await client.SubmitAsync(spec, cancellationToken: Timeouts.Token());
        var steps = new List<Progress>();
        await foreach (var step in analysis.ProgressAsync(cancellationToken: Timeouts.Token()))
        {
            steps.Add(step);
        }
        var result = await analysis.GetResultAsync(Timeouts.Token());
        using var dir = new TempDirectory();
        var plot = await analysis.SavePlotAsync(dir.File("weekly.png"), Timeouts.Token());

        Assert.Equal(AnalysisState.Queued, analysis.Submitted!.State);
        Assert.Equal(ProgressStage.Finished, steps[^1].Stage);
        Assert.Equal(["period", "state", "cases", "deaths", "cfr"], result.Columns.Select(c => c.Name));
        Assert.Equal(29 * 2, result.RowCount);   // Monday 2020-03-02 to Sunday 2020-09-20: 29 ISO weeks, two states
        var cases = result.Int64Column("cases");
        var deaths = result.Int64Column("deaths");
        var cfr = result.DoubleColumn("cfr");
        for (var r = 0; r < result.RowCount; r++)
        {
            Assert.Equal(cases[r], (long?)result.Rows[r][2]);
            if (cases[r] is > 0)
            {
                Assert.Equal((double)deaths[r]!.Value / cases[r]!.Value, cfr[r]!.Value, 12);
            }
        }
        Assert.All(result.StringColumn("state"), s => Assert.Contains(s, new[] { "NY", "NJ" }));
        Assert.All(result.DateColumn("period"), d => Assert.Equal(DayOfWeek.Monday, d!.Value.DayOfWeek));
        Assert.Throws<ArgumentException>(() => result.DoubleColumn("cases"));
        PngAssert.Picture(await File.ReadAllBytesAsync(plot.Path), 1000, 600);
    }

    [Fact]
    public async Task Result_ToDataFrameAndParquet_SameCellsAsTheTable()
    {
        await using var client = new CovidClient(server.Address);
        var result = await (await client.SubmitAsync(AnalysisSpec.FromJson(IssueExample.Json), cancellationToken: Timeouts.Token())).GetResultAsync(Timeouts.Token());
        using var dir = new TempDirectory();
        var path = dir.File("weekly.parquet");
        await using (var file = File.Create(path))
        {
            await result.WriteParquetAsync(file, Timeouts.Token());
        }

        var frame = result.ToDataFrame();
        await using var reader = await ParquetReader.CreateAsync(path);
        using var group = reader.OpenRowGroupReader(0);
        var cases = new long?[result.RowCount];
        await group.ReadAsync<long>(reader.Schema.DataFields[2], cases);
        using var duck = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var query = duck.CreateCommand();
        query.CommandText = $"SELECT period, state, cases, deaths, days, cfr FROM read_parquet('{path}')";
        using var rows = query.ExecuteReader();

        Assert.Equal((result.RowCount, result.Columns.Count), ((int)frame.Rows.Count, frame.Columns.Count));
        Assert.Equal(result.Columns.Select(c => c.Name), reader.Schema.DataFields.Select(f => f.Name));
        Assert.Equal(result.Int64Column("cases"), cases);
        for (var r = 0; r < result.RowCount; r++)
        {
            Assert.Equal(((DateOnly)result.Rows[r][0]!).ToDateTime(TimeOnly.MinValue), frame.Columns["period"][r]);
            Assert.Equal(result.Rows[r][1], frame.Columns["state"][r]);
            Assert.Equal(result.Rows[r][5], frame.Columns["cfr"][r]);
            Assert.True(rows.Read());
            Assert.Equal(result.Rows[r][0], rows.GetValue(0));
            Assert.Equal(result.Rows[r][1], rows.GetString(1));
            Assert.Equal(result.Rows[r][2], rows.GetInt64(2));
            Assert.Equal(result.Rows[r][5], rows.IsDBNull(5) ? null : rows.GetDouble(5));
        }
        Assert.False(rows.Read());
    }

    [Fact]
    public async Task WriteParquetAsync_NullsEmptyStringsAndNoRows_ReadBackAsWritten()
    {
        var table = new AnalysisResult(
            [new("period", ColumnKind.Date), new("state", ColumnKind.String), new("cases", ColumnKind.Int64), new("cfr", ColumnKind.Double)],
            [[new DateOnly(1969, 12, 31), "", null, double.NaN], [null, null, long.MinValue, null], [new DateOnly(2020, 2, 29), "Ñew York \"x\"", 0L, -0.5]]);
        using var dir = new TempDirectory();
        var path = dir.File("t.parquet");
        await using (var file = File.Create(path))
        {
            await table.WriteParquetAsync(file, Timeouts.Token());
        }
        using var duck = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var query = duck.CreateCommand();
        query.CommandText = $"SELECT period, state, cases, cfr FROM read_parquet('{path}')";
        using var rows = query.ExecuteReader();

        for (var r = 0; r < table.RowCount; r++)
        {
            Assert.True(rows.Read());
            for (var c = 0; c < 4; c++)
            {
                var value = rows.IsDBNull(c) ? null : rows.GetValue(c);
                var expected = table.Rows[r][c];
                Assert.Equal(expected is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : expected, value is DateOnly v ? v.ToDateTime(TimeOnly.MinValue) : value);
            }
        }
        Assert.False(rows.Read());
    }

    [Fact]
    public async Task Exceptions_EachFailureOfItsKind()
    {
        await using var client = new CovidClient(server.Address);
        var unknownField = AnalysisSpec.For("cdc-cases-deaths-by-state").Sum("cases", "new_cases").Build();

        var invalid = await Assert.ThrowsAsync<InvalidSpecException>(() => client.SubmitAsync(unknownField, cancellationToken: Timeouts.Token()));
        var notFound = await Assert.ThrowsAsync<NotFoundException>(() => client.GetAsync("analyses/0123456789abcdef0123", Timeouts.Token()));
        var local = Assert.Throws<InvalidSpecException>(() => AnalysisSpec.For("x").Build());

        Assert.Equal("spec.metrics[0].field", Assert.Single(invalid.FieldViolations).Field);
        Assert.Contains("does not exist", notFound.Message);
        Assert.Equal("spec.metrics", Assert.Single(local.FieldViolations).Field);
    }

    [Fact]
    public async Task AddCovidClient_FactoryClientWithAHandler_HandlerSeesEveryCall()
    {
        var counter = new CountingHandler();
        var services = new ServiceCollection();
        services.AddCovidClient(o => o.Address = server.Address).AddHttpMessageHandler(() => counter);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<CovidClient>();

        var datasets = await client.ListDatasetsAsync(Timeouts.Token());
        await client.ListAsync(cancellationToken: Timeouts.Token()).ToListAsync();

        Assert.NotEmpty(datasets);
        Assert.Equal(2, counter.Requests);
        Assert.Equal(server.Address, client.Address);
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        public int Requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
