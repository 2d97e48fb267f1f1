using System.Globalization;
using System.Text.Json;
using Covid.Tests.Support;
using Covid.Tests.Support.Deploy;
using Covid.V1;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Deploy;

/// <summary>
/// The real server run with the deployment's telemetry settings: the production config's
/// Telemetry section (Prometheus on every interface) scraped over loopback, and the Deployment's
/// logging environment giving JSON console lines that carry the analysis id.
/// </summary>
public sealed class DeployedTelemetryTests
{
    [Fact]
    public async Task ProductionTelemetry_ScrapeAfterAnAnalysis_SeesTheCovidAnalysisMetrics()
    {
        var ct = Timeouts.Token(90);
        var options = new ServerHostOptions();
        foreach (var setting in (await ServerSettings.LoadAsync()).GetSection("Telemetry").AsEnumerable(makePathsRelative: false).Where(s => s.Value is not null))
        {
            options.Settings[setting.Key] = setting.Value!;
        }
        Assert.Equal("*", options.Settings["Telemetry:PrometheusHost"]);
        // The production port (9464) may be taken on a shared machine by another run; everything else is the deployment's.
        var port = OtlpReceiver.FreePort();
        options.Settings["Telemetry:PrometheusPort"] = port.ToString(CultureInfo.InvariantCulture);
        await using var host = await ServerHost.StartAsync(options);

        var submitted = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
        await ServerCalls.WaitForAsync(host.Analyses, submitted.Name, a => a.State == State.Succeeded, ct);
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"), ct);

        var lines = text.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("covid_analyses_state_changes_total{", StringComparison.Ordinal) && l.Contains("covid_state=\"succeeded\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("covid_analysis_run_duration_seconds_count{", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("covid_analyses_queued", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeploymentLogging_ServerProcess_JsonLinesCarryTheAnalysisId()
    {
        var ct = Timeouts.Token(120);
        var environment = ServerDeployment.Container(await DeployBundle.GetAsync()).Env
            .Where(e => e.Name.StartsWith("Logging__", StringComparison.Ordinal))
            .ToDictionary(e => e.Name, e => e.Value);
        Assert.NotEmpty(environment);
        using var dir = new TempDirectory("covid-json-logs-");
        await using var server = await ServerProcess.StartAsync(dir.Path, ct, settings: ["Logging:LogLevel:Covid.Server.Jobs=Information"], environment: environment);

        var submitted = await server.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
        await ServerCalls.WaitForAsync(server.Analyses, submitted.Name, a => a.State == State.Succeeded, ct);
        var id = submitted.Name["analyses/".Length..];

        var records = server.Output.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.True(r.TryGetProperty("Timestamp", out _) && r.TryGetProperty("Category", out _), r.ToString()));
        var queued = Assert.Single(records, r => r.GetProperty("Message").GetString()!.Contains($"Analysis {id} queued", StringComparison.Ordinal));
        Assert.Contains(queued.GetProperty("Scopes").EnumerateArray(), s => s.TryGetProperty("AnalysisId", out var v) && v.GetString() == id);
        Assert.EndsWith("Z", queued.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(server.Output, l => l.Length > 0 && !l.StartsWith('{'));
    }
}
