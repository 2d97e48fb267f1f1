using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Covid.Tests.Support;
using Covid.Tests.Support.Rest;
using Microsoft.Extensions.DependencyInjection;

namespace Covid.Tests.Grpc.Rest;

/// <summary>
/// The REST surface from .NET's HttpClient over HTTP/1.1 (Rest:Http1Urls): the OpenAPI document
/// describes every annotated RPC at its route, and bodies meet the rules gRPC requests meet.
/// </summary>
public sealed class RestApiTests : IAsyncLifetime
{
    private ServerHost? host;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        host = await ServerHost.StartAsync(new ServerHostOptions { Http1 = true, Settings = { ["Limits:MaxMessageBytes"] = "65536" } });
        http.BaseAddress = new Uri(host.Http1Address!);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task OpenApi_EveryAnnotatedRpc_AtItsRouteWithItsSummary()
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        var rules = HttpRules.All().ToList();
        Assert.Equal(14, rules.Count);   // every RPC but the UploadDataset client stream and GetPlot (whose REST form is GetPlotImage)
        foreach (var (method, verb, route) in rules)
        {
            // Swashbuckle shows {name=analyses/*} as {name}.
            var path = System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+)=[^}]*\}", "{$1}");
            Assert.True(paths.TryGetProperty(path, out var item), $"{method.FullName}: {path} is not in the OpenAPI document");
            Assert.True(item.TryGetProperty(verb, out var operation), $"{method.FullName}: no {verb} at {path}");
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method.FullName} has no summary");
        }
    }

    [Fact]
    public async Task Submit_UnknownField_400NamingIt()
    {
        var spec = """{"dataset": "cdc-cases-deaths-by-state", "metrics": [{"name": "n", "aggregation": "COUNT"}], "groupby": ["state"]}""";

        using var response = await http.PostAsync("/v1/analyses", new StringContent(spec, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, status.GetProperty("code").GetInt32());
        Assert.Contains("groupby", status.GetProperty("message").GetString());
        Assert.Empty(host!.App.Services.GetRequiredService<Covid.Server.Jobs.AnalysisManager>().List(Covid.Server.Tenancy.Caller.Anonymous, null, 10).Page);
    }

    [Fact]
    public async Task Explain_BodyOverTheMessageLimit_429NamingTheKey()
    {
        var values = string.Join(',', Enumerable.Repeat("\"NY\"", 20_000));
        var spec = $$"""{"dataset": "cdc-cases-deaths-by-state", "metrics": [{"name": "n", "aggregation": "COUNT"}], "filters": [{"field": "state", "values": [{{values}}]}]}""";

        using var response = await http.PostAsync("/v1/analyses:explain", new StringContent(spec, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(8, status.GetProperty("code").GetInt32());
        Assert.Contains("Limits:MaxMessageBytes", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task GetAnalysis_Unknown_404WithTheStatus()
    {
        using var response = await http.GetAsync("/v1/analyses/0123456789abcdef0123");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(5, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
    }
}
