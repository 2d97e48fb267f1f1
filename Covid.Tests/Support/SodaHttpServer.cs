using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Covid.Tests.Support.Cdc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Covid.Tests.Support;

/// <summary>
/// A loopback stand-in for data.cdc.gov's SODA API: <c>/resource/ID.csv</c> serves a shared file
/// the way SODA pages do — the $select columns in that order (empty where the file has none),
/// every field quoted, rows in the file's order ($order=:id) from $offset, at most $limit.
/// </summary>
internal sealed class SodaHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SodaHttpServer(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.Single().TrimEnd('/');

    /// <summary>The query strings of the page requests, in order.</summary>
    public ConcurrentQueue<IQueryCollection> Requests { get; } = new();

    public static async Task<SodaHttpServer> StartAsync(IReadOnlyDictionary<string, string> files)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(e => e.Protocols = HttpProtocols.Http1));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new SodaHttpServer(app);
        var tables = new ConcurrentDictionary<string, (List<string> Columns, RealCsv Csv)>();
        app.MapGet("/resource/{file}", (string file, HttpContext context) =>
        {
            var id = file.EndsWith(".csv", StringComparison.Ordinal) ? file[..^4] : file;
            if (!files.TryGetValue(id, out var name))
            {
                return Results.NotFound();
            }
            server.Requests.Enqueue(context.Request.Query);
            var (columns, csv) = tables.GetOrAdd(id, _ =>
                (GeneratedRows.Split(File.ReadLines(CdcFiles.Get(name)).First()).ToList(), new RealCsv(name)));
            var query = context.Request.Query;
            var select = query["$select"].ToString().Split(',');
            var offset = int.Parse(query["$offset"].ToString(), CultureInfo.InvariantCulture);
            var limit = int.Parse(query["$limit"].ToString(), CultureInfo.InvariantCulture);
            var body = new StringBuilder(string.Join(",", select.Select(c => $"\"{c}\"")) + "\n");
            foreach (var row in csv.Rows.Skip(offset).Take(limit))
            {
                body.Append(string.Join(",", select.Select(c => columns.IndexOf(c) is >= 0 and var i && row[i].Length > 0 ? $"\"{row[i].Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : ""))).Append('\n');
            }
            return Results.Text(body.ToString(), "text/csv");
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
