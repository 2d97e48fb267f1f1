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
            .Validate(o => o.TableCache == "0" || MemorySize().IsMatch(o.TableCache), "Engine:Embedded:TableCache must be a size such as 256MiB, or 0")
            .Validate(o => o.ProgressInterval > TimeSpan.Zero, "Engine:Embedded:ProgressInterval must be positive")
            .ValidateOnStart();
        // One engine for the server's life: its DuckDB database is shared by every analysis.
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<EmbeddedOptions>>().Value;
            // Kept tables count against DuckDB's memory limit: at most a quarter of it, so queries keep the rest.
            var tables = o.MemoryLimit is { } limit ? Math.Min(Bytes(o.TableCache), Bytes(limit) / 4) : Bytes(o.TableCache);
            return new EmbeddedEngine(new EmbeddedEngineOptions(o.Threads, o.MemoryLimit, o.ProgressInterval, tables));
        });
        // Engines are keyed by the spec's engine value; EngineSelector finds them that way.
        services.AddKeyedSingleton<IAnalysisEngine>(Engine.Embedded, (sp, _) => sp.GetRequiredService<EmbeddedEngine>());
        return services;
    }

    /// <summary>A validated size in bytes, read as DuckDB reads memory_limit: KB = 1000 bytes, KiB = 1024.</summary>
    internal static long Bytes(string size)
    {
        if (size == "0")
        {
            return 0;
        }
        var match = MemorySize().Match(size);
        var unit = match.Groups[2].Value.ToUpperInvariant();
        var scale = Math.Pow(unit.Contains('I', StringComparison.Ordinal) ? 1024 : 1000, "BKMGT".IndexOf(unit[0], StringComparison.Ordinal));
        return (long)(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * scale);
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", RegexOptions.IgnoreCase)]
    private static partial Regex MemorySize();
}
