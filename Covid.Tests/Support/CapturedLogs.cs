using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Covid.Tests.Support;

/// <summary>A logger provider that keeps every entry of the categories asked for, with its structured values.</summary>
public sealed class CapturedLogs(params string[] categories) : ILoggerProvider
{
    /// <summary>One log entry: its category, event id, rendered message and named values.</summary>
    public sealed record Entry(string Category, EventId EventId, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values);

    private readonly ConcurrentQueue<Entry> entries = new();

    public IReadOnlyList<Entry> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => owner.Wants(category);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!owner.Wants(category))
            {
                return;
            }
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : new Dictionary<string, object?>();
            owner.entries.Enqueue(new Entry(category, eventId, logLevel, formatter(state, exception), values));
        }
    }

    private bool Wants(string category) => categories.Contains(category, StringComparer.Ordinal);
}
