using Microsoft.AspNetCore.Builder;

namespace Covid.Tests.Support;

/// <summary>How a <see cref="ServerHost"/> is started.</summary>
public sealed class ServerHostOptions
{
    /// <summary>An existing data directory to reuse (not deleted on dispose); null for a fresh temp one.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Data:Seed; defaults to the real 2021-05-30 CDC export. Empty string: no seed (generated sample).</summary>
    public string? Seed { get; init; }

    /// <summary>Also serve REST over HTTP/1.1 on a second loopback port (Rest:Http1Urls); see <see cref="ServerHost.Http1Address"/>.</summary>
    public bool Http1 { get; init; }

    /// <summary>Further configuration, e.g. ["Jobs:MaxConcurrent"] = "1".</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>Runs after the server's own registrations, e.g. to decorate the embedded engine.</summary>
    public Action<WebApplicationBuilder>? Customize { get; init; }

    /// <summary>Runs on the built application before it starts, e.g. to map a test-only gRPC service beside the real ones.</summary>
    public Action<WebApplication>? Map { get; init; }
}
