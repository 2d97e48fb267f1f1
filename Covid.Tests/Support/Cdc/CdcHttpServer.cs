using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Covid.Tests.Support.Cdc;

/// <summary>
/// A plain HTTP/1.1 server on 127.0.0.1 that serves real CDC files the way a download can go:
/// whole, missing, cut mid-file, stalled, or without a Content-Length.
/// </summary>
internal sealed class CdcHttpServer : IAsyncDisposable
{
    /// <summary>Bytes sent before /cut/FILE aborts the connection.</summary>
    public const int CutAfter = 300_000;

    private readonly WebApplication _app;

    private CdcHttpServer(WebApplication app) => _app = app;

    public string Url(string path) => _app.Urls.Single().TrimEnd('/') + path;

    public static async Task<CdcHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(e => e.Protocols = HttpProtocols.Http1));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/files/{name}", (string name) => Results.File(CdcFiles.Get(name), "text/csv"));
        app.MapGet("/chunked/{name}", async (string name, HttpContext context) =>
        {
            // No Content-Length: the importer must count bytes itself.
            await using var file = File.OpenRead(CdcFiles.Get(name));
            await file.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        app.MapGet("/cut/{name}", async (string name, HttpContext context) =>
        {
            var bytes = await File.ReadAllBytesAsync(CdcFiles.Get(name));
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, CutAfter));
            await context.Response.Body.FlushAsync();
            context.Abort();
        });
        app.MapGet("/stall/{name}", async (string name, HttpContext context) =>
        {
            var bytes = await File.ReadAllBytesAsync(CdcFiles.Get(name));
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, 1000));
            await context.Response.Body.FlushAsync();
            // Bounded: long past the importer's timeout, short enough not to hang a run.
            await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted).ContinueWith(_ => { });
            context.Abort();
        });
        await app.StartAsync();
        return new CdcHttpServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
