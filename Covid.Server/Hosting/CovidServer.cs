namespace Covid.Server.Hosting;

/// <summary>
/// Builds the server exactly as <c>dotnet run</c> does. Tests call it too (with their own
/// arguments and service overrides), so what they exercise is the real host, not a copy.
/// </summary>
public static class CovidServer
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = CreateBuilder(args);
        if (ServerEndpoints.Plan(builder.Configuration) is { } endpoints)
        {
            // The host reads its addresses once, as the builder is created: start again without
            // them, the endpoints declared instead.
            ((IDisposable)builder.Configuration).Dispose();
            builder = CreateBuilder([.. args, "--urls="]);
            builder.Configuration.AddInMemoryCollection(endpoints);
        }
        builder.AddCovidAnalysis();
        customize?.Invoke(builder);
        var app = builder.Build();
        app.MapCovidAnalysis();
        return app;
    }

    private static WebApplicationBuilder CreateBuilder(string[] args) => WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        // appsettings.json sits beside the binaries, wherever the process was started from.
        ContentRootPath = AppContext.BaseDirectory,
    });
}
