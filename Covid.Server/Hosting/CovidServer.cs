namespace Covid.Server.Hosting;

/// <summary>
/// Builds the server exactly as <c>dotnet run</c> does. Tests call it too (with their own
/// arguments and service overrides), so what they exercise is the real host, not a copy.
/// </summary>
public static class CovidServer
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json sits beside the binaries, wherever the process was started from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddCovidAnalysis();
        customize?.Invoke(builder);
        var app = builder.Build();
        app.MapCovidAnalysis();
        return app;
    }
}
