using System.Globalization;
using Covid.Tests.Support.Deploy;
using k8s.Models;
using static Covid.Tests.Support.Deploy.ServerDeployment;

namespace Covid.Tests.Deploy;

/// <summary>
/// The deployment's telemetry: Prometheus scrapes /metrics on the container's named metrics port,
/// which the production config serves on every interface of the pod and the NetworkPolicy opens to
/// Prometheus only; console logs are JSON with their scopes.
/// </summary>
public sealed class TelemetryDeployTests
{
    private const int PrometheusPort = 9464;

    private static readonly Dictionary<string, string> Monitoring = new() { ["kubernetes.io/metadata.name"] = "monitoring" };

    [Fact]
    public async Task Config_Telemetry_PrometheusOn9464OnEveryInterfaceAndNoOtlpEndpointFixed()
    {
        var config = await ServerSettings.LoadAsync();

        Assert.Equal(PrometheusPort.ToString(CultureInfo.InvariantCulture), ServerSettings.Require(config, "Telemetry:PrometheusPort"));
        Assert.Equal("*", ServerSettings.Require(config, "Telemetry:PrometheusHost"));
        // Left to the environment (OTEL_EXPORTER_OTLP_ENDPOINT), which an operator sets without editing the file.
        Assert.True(string.IsNullOrEmpty(config["Telemetry:OtlpEndpoint"]));
    }

    [Fact]
    public async Task Deployment_MetricsPort_NamedAndTheOneTheConfigServesAndTheAnnotationsName()
    {
        var bundle = await DeployBundle.GetAsync();
        var config = await ServerSettings.LoadAsync();
        var template = bundle.Get<V1Deployment>("covid-server").Spec.Template;

        var metrics = Assert.Single(Container(bundle).Ports, p => p.Name == "metrics");
        Assert.Equal(ServerSettings.Require(config, "Telemetry:PrometheusPort"), metrics.ContainerPort.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("TCP", metrics.Protocol);
        Assert.Equal("true", template.Metadata.Annotations["prometheus.io/scrape"]);
        Assert.Equal(metrics.ContainerPort.ToString(CultureInfo.InvariantCulture), template.Metadata.Annotations["prometheus.io/port"]);
        Assert.Equal("/metrics", template.Metadata.Annotations["prometheus.io/path"]);
    }

    public static TheoryData<string, string, int, bool> Scrapes => new()
    {
        { "prometheus", "monitoring", PrometheusPort, true },
        { "prometheus", "monitoring", 5000, true },
        { "prometheus", "monitoring", 9465, false },
        { "other", "monitoring", PrometheusPort, false },
        { "prometheus", "elsewhere", PrometheusPort, false },
        { "prometheus", "covid-analysis", PrometheusPort, false },
        { "other", "covid-analysis", PrometheusPort, false },
    };

    [Theory]
    [MemberData(nameof(Scrapes))]
    public async Task NetworkPolicy_MetricsPort_OpenToPrometheusInMonitoringOnly(string app, string ns, int port, bool allowed)
    {
        var bundle = await DeployBundle.GetAsync();
        var template = bundle.Get<V1Deployment>("covid-server").Spec.Template;
        var server = new V1Pod { Metadata = new V1ObjectMeta { Labels = template.Metadata.Labels }, Spec = template.Spec };
        var source = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = app, Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = app } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "x" }] },
        };
        var fromNamespace = ns == DeployBundle.Namespace ? null : new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = ns };

        Assert.Equal(allowed, NetworkPolicies.Allows(bundle.All<V1NetworkPolicy>(), source, server, port, fromNamespace));
    }

    [Fact]
    public async Task NetworkPolicy_DocumentedScraper_IsWhatThePolicyAdmits()
    {
        var readme = await File.ReadAllTextAsync(DeployBundle.PathOf("README.md"));
        var rule = Assert.Single((await DeployBundle.GetAsync()).Get<V1NetworkPolicy>("covid-server").Spec.Ingress, r => r.FromProperty is { Count: > 0 });
        var peer = Assert.Single(rule.FromProperty);

        Assert.Equal(Monitoring, peer.NamespaceSelector.MatchLabels);
        Assert.Equal("prometheus", peer.PodSelector.MatchLabels["app.kubernetes.io/name"]);
        Assert.Contains("`kubernetes.io/metadata.name: monitoring`", readme, StringComparison.Ordinal);
        Assert.Contains("`app.kubernetes.io/name: prometheus`", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deployment_ConsoleLogs_JsonWithScopesInUtc()
    {
        var env = Container(await DeployBundle.GetAsync()).Env.ToDictionary(e => e.Name, e => e.Value);

        Assert.Equal("json", env["Logging__Console__FormatterName"]);
        Assert.Equal("true", env["Logging__Console__FormatterOptions__IncludeScopes"]);
        Assert.Equal("true", env["Logging__Console__FormatterOptions__UseUtcTimestamp"]);
        // The OTLP endpoint is not set by the base: it stays the operator's (a commented example in the manifest).
        Assert.DoesNotContain("OTEL_EXPORTER_OTLP_ENDPOINT", env.Keys);
    }
}
