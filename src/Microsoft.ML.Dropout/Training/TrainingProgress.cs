using Microsoft.Extensions.Logging;

namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Ready-made progress output on top of the <c>Logger</c> option, one line of code:
/// <c>Logger = TrainingProgress.ConsoleLogger()</c>. It prints where the validation rows come from ("internal
/// validation split (10%) …"), one line per epoch with named metrics, "Early stopping at epoch 27; restored epoch
/// 19 (…)" and every warning.
/// </summary>
public static class TrainingProgress
{
    /// <summary>A logger that writes each entry at or above <paramref name="minimumLevel"/> as one line to <paramref name="output"/> (default: the console); warnings and errors start with "warning: " or "error: ".</summary>
    /// <param name="output">Where the lines go; default <see cref="Console.Out"/>.</param>
    /// <param name="minimumLevel">Least severe level written. Default <see cref="LogLevel.Information"/> (epochs, stop, restore, warnings).</param>
    public static ILogger ConsoleLogger(TextWriter? output = null, LogLevel minimumLevel = LogLevel.Information) =>
        new LineLogger(output ?? Console.Out, minimumLevel);

    /// <summary>Writes every entry as one line, prefixed by its severity when it is a warning or worse.</summary>
    private sealed class LineLogger(TextWriter output, LogLevel minimumLevel) : ILogger
    {
        private readonly object _gate = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            string prefix = logLevel switch { LogLevel.Warning => "warning: ", >= LogLevel.Error => "error: ", _ => "" };
            lock (_gate)
                output.WriteLine(prefix + formatter(state, exception));
        }
    }
}
