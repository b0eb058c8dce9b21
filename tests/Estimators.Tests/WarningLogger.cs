using Microsoft.Extensions.Logging;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>An <see cref="ILogger"/> that keeps the messages written at <see cref="LogLevel.Warning"/>.</summary>
internal sealed class WarningLogger : ILogger
{
    public List<string> Warnings { get; } = new();
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel == LogLevel.Warning)
            Warnings.Add(formatter(state, exception));
    }
}
