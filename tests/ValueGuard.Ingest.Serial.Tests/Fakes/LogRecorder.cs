using Microsoft.Extensions.Logging;

namespace ValueGuard.Ingest.Serial.Tests.Fakes;

/// <summary>A logger provider that keeps every event with its id and properties, for tests that check what operators see.</summary>
internal sealed class LogRecorder : ILoggerProvider
{
    private readonly List<Entry> entries = [];

    public IReadOnlyList<Entry> Entries
    {
        get { lock (entries) return [.. entries]; }
    }

    public ILoggerFactory Factory() => LoggerFactory.Create(b => b.AddProvider(this).SetMinimumLevel(LogLevel.Debug));

    public IEnumerable<Entry> Named(string eventName) => Entries.Where(e => e.Event.Name == eventName);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    internal sealed record Entry(EventId Event, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties);

    private sealed class Logger(LogRecorder recorder) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : [];
            lock (recorder.entries) recorder.entries.Add(new Entry(eventId, logLevel, formatter(state, exception), properties));
        }
    }
}
