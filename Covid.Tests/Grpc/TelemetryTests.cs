using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Covid.Server.Telemetry;
using Covid.Tests.Support;
using Covid.V1;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc;

/// <summary>Traces, metrics and logs as an operator's collector and Prometheus receive them from the real server.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Trace_OneAnalysis_FollowsSubmitPlanEngineStoreAndItsPlotUnderOneTrace()
    {
        var ct = Timeouts.Token(60);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == CovidDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await ServerHost.StartAsync();

        var submitted = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
        await ServerCalls.StreamAsync(host.Analyses, submitted.Name, ct);
        var id = submitted.Name["analyses/".Length..];
        // The chart is drawn by the first GetPlot, in the analysis' trace, linking the GetPlot's.
        await ServerCalls.PlotAsync(host.Analyses, submitted.Name, ct);

        var submit = spans.Single(s => s.OperationName == "SubmitAnalysis" && Equals(s.GetTagItem(CovidDiagnostics.AnalysisIdTag), id));
        var trace = spans.Where(s => s.TraceId == submit.TraceId).ToList();
        var run = trace.Single(s => s.OperationName == "RunAnalysis");
        Assert.Equal(submit.SpanId, run.ParentSpanId);
        Assert.Equal(id, run.GetTagItem(CovidDiagnostics.AnalysisIdTag));
        Assert.Equal(submit.SpanId, trace.Single(s => s.OperationName == "PlanAnalysis").ParentSpanId);
        Assert.Equal(run.SpanId, trace.Single(s => s.OperationName == "Engine").ParentSpanId);
        Assert.Equal(run.SpanId, trace.Single(s => s.OperationName == "StoreResult").ParentSpanId);
        var draw = trace.Single(s => s.OperationName == "DrawPlot");
        Assert.Equal(submit.SpanId, draw.ParentSpanId);
        Assert.Equal(id, draw.GetTagItem(CovidDiagnostics.AnalysisIdTag));
        Assert.NotEqual(submit.TraceId, Assert.Single(draw.Links).Context.TraceId);
        // The submit hangs under the RPC's own span (ASP.NET Core's), so the trace starts at the client's call.
        Assert.NotEqual(default, submit.ParentSpanId);
    }

    [Fact]
    public async Task Prometheus_ScrapeAfterAnalyses_CountsStatesQueueAndDurations()
    {
        var ct = Timeouts.Token(60);
        var port = OtlpReceiver.FreePort();
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = { ["Telemetry:PrometheusPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) } });

        for (var i = 0; i < 2; i++)
        {
            var submitted = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), Recompute = true }, cancellationToken: ct);
            var done = await ServerCalls.WaitForAsync(host.Analyses, submitted.Name, a => a.State == State.Succeeded, ct);
            await host.Analyses.GetResultAsync(new GetResultRequest { Name = done.Name }, cancellationToken: ct);
        }
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri($"http://localhost:{port}/metrics"), ct);

        var lines = text.Split('\n');
        Assert.True(Value(lines, "covid_analyses_state_changes_total{", "covid_state=\"succeeded\"") >= 2, text);
        Assert.True(Value(lines, "covid_analyses_state_changes_total{", "covid_state=\"queued\"") >= 2, text);
        Assert.True(Value(lines, "covid_analysis_run_duration_seconds_count{", "covid_state=\"succeeded\"") >= 2, text);
        Assert.True(Value(lines, "covid_analysis_wait_duration_seconds_count{", "covid_engine=\"embedded\"") >= 2, text);
        Assert.True(Value(lines, "covid_cache_lookups_total{", "covid_outcome=\"hit\"") >= 2, text);
        Assert.Contains(lines, l => l.StartsWith("covid_analyses_queued", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("covid_analyses_running", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Otlp_HttpProtobufCollector_ReceivesTheAnalysisSpansMetricsAndLogsWithItsId()
    {
        var ct = Timeouts.Token(60);
        using var collector = new OtlpReceiver();
        string id;
        await using (var host = await ServerHost.StartAsync(new ServerHostOptions
        {
            Settings =
            {
                ["Telemetry:OtlpEndpoint"] = collector.Endpoint,
                ["Telemetry:OtlpProtocol"] = "http/protobuf",
                ["Logging:LogLevel:Covid.Server.Jobs"] = "Information",
            },
        }))
        {
            var submitted = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.WeeklyCases() }, cancellationToken: ct);
            await ServerCalls.WaitForAsync(host.Analyses, submitted.Name, a => a.State == State.Succeeded, ct);
            id = submitted.Name["analyses/".Length..];
        }
        // Stopping the server flushed every exporter.

        Assert.Contains(id, Encoding.UTF8.GetString(collector.Received("/v1/traces")), StringComparison.Ordinal);
        Assert.Contains("RunAnalysis", Encoding.UTF8.GetString(collector.Received("/v1/traces")), StringComparison.Ordinal);
        Assert.Contains("covid.analyses.state_changes", Encoding.UTF8.GetString(collector.Received("/v1/metrics")), StringComparison.Ordinal);
        var logs = Encoding.UTF8.GetString(collector.Received("/v1/logs"));
        Assert.Contains("AnalysisId", logs, StringComparison.Ordinal);
        Assert.Contains(id, logs, StringComparison.Ordinal);
        Assert.Contains("covid-analysis", logs, StringComparison.Ordinal);
    }

    /// <summary>The sum of the samples of a metric whose labels include the given one.</summary>
    private static double Value(string[] lines, string metric, string label) =>
        lines.Where(l => l.StartsWith(metric, StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
}
