using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>
/// Writes where the validation rows come from, each epoch's metrics, the reason training stopped and the
/// best-weights restore (after early stopping one line: "Early stopping at epoch 27; restored epoch 19 (…)") to an
/// <see cref="ILogger"/> (the <c>Logger</c> option), at <see cref="LogLevel.Information"/>, and the warnings at
/// <see cref="LogLevel.Warning"/>; runs after every other callback of the epoch.
/// </summary>
internal sealed class TrainingLogger : ITrainingCallback
{
    private static readonly Action<ILogger, int, int, string, Exception?> LogEpoch = LoggerMessage.Define<int, int, string>(
        LogLevel.Information, new EventId(1, "Epoch"), "Epoch {Epoch}/{MaxEpochs}: {Metrics}");
    private static readonly Action<ILogger, StopReason, string, Exception?> LogStop = LoggerMessage.Define<StopReason, string>(
        LogLevel.Information, new EventId(2, "Stopped"), "Training stopped ({StopReason}): {StopMessage}");
    private static readonly Action<ILogger, int, Exception?> LogRestore = LoggerMessage.Define<int>(
        LogLevel.Information, new EventId(3, "BestWeightsRestored"), "Restored the weights of epoch {BestEpoch}, the best by the monitored validation value.");
    private static readonly Action<ILogger, string, Exception?> LogSettingsWarning = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(4, "SettingsWarning"), "{Warning}");

    private static readonly Action<ILogger, int, int, string, Exception?> LogEarlyStop = LoggerMessage.Define<int, int, string>(
        LogLevel.Information, new EventId(6, "EarlyStoppingRestored"), "Early stopping at epoch {Epoch}; restored epoch {BestEpoch} ({StopMessage})");
    private static readonly Action<ILogger, string, Exception?> LogValidation = LoggerMessage.Define<string>(
        LogLevel.Information, new EventId(7, "Validation"), "Validation: {Validation}");
    private static readonly Action<ILogger, string, Exception?> LogModelWarning = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(5, "ModelWarning"), "{Warning}");
    private static readonly Action<ILogger, int, int, Exception?> LogRefit = LoggerMessage.Define<int, int>(
        LogLevel.Information, new EventId(8, "Refit"), "Refitting on all {Rows} training rows for {Epochs} epochs (RefitOnAllRows)");

    private readonly ILogger _logger;

    internal TrainingLogger(ILogger logger) => _logger = logger;

    public int Order => BuiltInCallbackOrder.Last;

    public void OnTrainBegin(TrainingContext context)
    {
        foreach (string warning in context.Settings.Warnings)
            LogSettingsWarning(_logger, warning, null);
        LogValidation(_logger, DescribeValidation(context.Settings), null);
    }

    /// <summary>Names where the validation rows come from: "internal validation split (10%) of the training data, 36 rows", a given set, or none.</summary>
    internal static string DescribeValidation(ResolvedSettings settings)
    {
        if (settings.ValidationRows == 0)
            return "none (no early stopping; the last epoch is the model)";
        if (settings.InternalValidationFraction is double fraction)
            return $"internal validation split ({fraction.ToString("0.##%", CultureInfo.InvariantCulture).Replace(" ", "")}) of the training data, {settings.ValidationRows} rows; {settings.TrainingRows} rows train";
        return $"the validation set passed to Fit, {settings.ValidationRows} rows; {settings.TrainingRows} rows train";
    }

    public void OnEpochEnd(TrainingContext context)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
            return;
        LogEpoch(_logger, context.Epoch, context.Settings.MaxEpochs, Describe(context.LastEpoch!, context.Task.Kind), null);
    }

    public void OnTrainEnd(TrainingContext context)
    {
        if (context.StopReason == StopReason.EarlyStopping && context.RestoredEpoch > 0)
        {
            LogEarlyStop(_logger, context.Epoch, context.RestoredEpoch, context.StopMessage!, null);
            return;
        }
        if (context.StopReason is StopReason reason)
            LogStop(_logger, reason, context.StopMessage!, null);
        if (context.RestoredEpoch > 0)
            LogRestore(_logger, context.RestoredEpoch, null);
    }

    /// <summary>Writes a warning found after training (e.g. <see cref="NoSkillCheck"/>'s) at <see cref="LogLevel.Warning"/>.</summary>
    internal static void Warn(ILogger logger, string warning) => LogModelWarning(logger, warning, null);

    internal static void Refit(ILogger logger, int rows, int epochs) => LogRefit(logger, rows, epochs, null);

    internal static string Describe(EpochMetrics m, TaskKind task)
    {
        string metric = task == TaskKind.Regression ? "rmse" : "accuracy";
        var text = $"train loss {F(m.TrainLoss)}, train {metric} {F(m.TrainMetric)}";
        if (m.ValidLoss is double validLoss)
            text += $", valid loss {F(validLoss)}, valid {metric} {F(m.ValidMetric ?? double.NaN)}";
        string rates = string.Join(", ", m.DropoutRates.Select(F));
        return text + $", lr {F(m.LearningRate)}, dropout [{rates}], {m.Seconds.ToString("F2", CultureInfo.InvariantCulture)} s";
    }

    private static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
