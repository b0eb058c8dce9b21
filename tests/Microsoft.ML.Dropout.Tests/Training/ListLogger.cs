using Microsoft.Extensions.Logging;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>An <see cref="ILogger"/> that keeps every entry (event, level, formatted message) in order.</summary>
internal sealed class ListLogger : ILogger
{
    public List<(EventId Id, string Message)> Entries { get; } = new();
    public List<LogLevel> Levels { get; } = new();
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        Entries.Add((eventId, formatter(state, exception)));
        Levels.Add(logLevel);
    }
}
