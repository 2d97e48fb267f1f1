using System.Text.RegularExpressions;
using Covid.SparkJob.Engine;
using Microsoft.Extensions.Options;
using Engine = Covid.V1.AnalysisSpec.Types.Engine;

namespace Covid.Server.Embedded;

/// <summary>The in-process DuckDB engine, offered as <c>EMBEDDED</c>.</summary>
public static partial class EmbeddedEngineRegistration
{
    public static IServiceCollection AddEmbeddedEngine(this IServiceCollection services)
    {
        services.AddOptions<EmbeddedOptions>().BindConfiguration(EmbeddedOptions.Section)
            .Validate(o => o.Threads is null or >= 1, "Engine:Embedded:Threads must be at least 1")
            .Validate(o => o.MemoryLimit is null || MemorySize().IsMatch(o.MemoryLimit), "Engine:Embedded:MemoryLimit must be a size such as 4GB or 512MiB")
            .Validate(o => o.ProgressInterval > TimeSpan.Zero, "Engine:Embedded:ProgressInterval must be positive")
            .ValidateOnStart();
        // One engine for the server's life: its DuckDB database is shared by every analysis.
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<EmbeddedOptions>>().Value;
            return new EmbeddedEngine(new EmbeddedEngineOptions(o.Threads, o.MemoryLimit, o.ProgressInterval));
        });
        // Engines are keyed by the spec's engine value; EngineSelector finds them that way.
        services.AddKeyedSingleton<IAnalysisEngine>(Engine.Embedded, (sp, _) => sp.GetRequiredService<EmbeddedEngine>());
        return services;
    }

    [GeneratedRegex(@"^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", RegexOptions.IgnoreCase)]
    private static partial Regex MemorySize();
}
