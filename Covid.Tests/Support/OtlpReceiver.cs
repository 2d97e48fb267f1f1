using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Covid.Tests.Support;

/// <summary>
/// A collector that speaks OTLP over HTTP (protobuf bodies POSTed to /v1/traces, /v1/metrics,
/// /v1/logs) on loopback, keeping every body it was sent, per path.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> bodies = new(StringComparer.Ordinal);

    public OtlpReceiver()
    {
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Everything sent to a path such as <c>/v1/traces</c>, as one byte array (protobuf strings are UTF-8 inside it).</summary>
    public byte[] Received(string path) =>
        bodies.TryGetValue(path, out var queue) ? queue.SelectMany(b => b).ToArray() : [];

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            bodies.GetOrAdd(context.Request.Url!.AbsolutePath, _ => new()).Enqueue(body.ToArray());
            // An empty Export*ServiceResponse: full success.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose() => listener.Close();
}
