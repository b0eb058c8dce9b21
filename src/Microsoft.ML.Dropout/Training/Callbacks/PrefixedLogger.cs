using Microsoft.Extensions.Logging;

namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>
/// Passes every entry to another logger with a prefix on its message (same level and event id): the refit of
/// <see cref="MlpTrainerOptions.RefitOnAllRows"/> logs its epochs as "Refit: Epoch 1/…", so they are not mistaken for
/// the first run's.
/// </summary>
internal sealed class PrefixedLogger(ILogger inner, string prefix) : ILogger
{
    /// <inheritdoc/>
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    /// <inheritdoc/>
    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    /// <inheritdoc/>
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel, eventId, state, exception, (s, e) => prefix + formatter(s, e));
}
