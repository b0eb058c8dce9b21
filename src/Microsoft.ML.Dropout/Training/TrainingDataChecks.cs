using System.Globalization;

namespace Microsoft.ML.Dropout.Training;

/// <summary>Checks that data fits the task before any tensor is built; messages name the row and the value.</summary>
internal static class TrainingDataChecks
{
    private static string F(float v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Throws naming the first bad feature, label or weight; a feature passes when <paramref name="preprocessing"/>
    /// takes it (<see cref="FeaturePreprocessingValues"/>).
    /// </summary>
    internal static void Check(TrainingData data, string role, TrainingTask task, FeaturePreprocessing preprocessing = FeaturePreprocessing.None)
    {
        string param = role == "Training" ? "train" : "validation";
        int cols = data.FeatureCount;
        var x = data.Features;
        for (long i = 0; i < x.LongLength; i++)
            if (!preprocessing.Takes(x[i]))
                throw new ArgumentException(preprocessing.TakesMissing()
                    ? $"{role} data: feature {i % cols} of row {i / cols} is {F(x[i])}; with Preprocessing = {preprocessing} features must be finite numbers or NaN (missing, replaced by the training median): " +
                      "Preprocessing = Quantile also takes ±∞ (as the column's extreme quantile)."
                    : float.IsNaN(x[i])
                        ? $"{role} data: feature {i % cols} of row {i / cols} is {F(x[i])}; features must be finite numbers (impute or drop missing values first, or set Preprocessing so missing values are imputed inside the model)."
                        : $"{role} data: feature {i % cols} of row {i / cols} is {F(x[i])}; with Preprocessing = None features must be finite numbers: clip or replace the value, or set Preprocessing = Quantile, which takes ±∞ (as the column's extreme quantile).", param);
        var y = data.Labels;
        for (int r = 0; r < y.Length; r++)
        {
            float v = y[r];
            switch (task.Kind)
            {
                case TaskKind.BinaryClassification when v != 0f && v != 1f:
                    throw new ArgumentException($"{role} data: label of row {r} is {F(v)}; BinaryClassification needs labels 0 or 1.", param);
                case TaskKind.MulticlassClassification when !(v >= 0 && v < task.ClassCount && v == MathF.Floor(v)):
                    throw new ArgumentException($"{role} data: label of row {r} is {F(v)}; MulticlassClassification with ClassCount = {task.ClassCount} needs an integer class index in [0, {task.ClassCount - 1}].", param);
                case TaskKind.Regression when !float.IsFinite(v):
                    throw new ArgumentException($"{role} data: label of row {r} is {F(v)}; regression labels must be finite numbers.", param);
            }
        }
        if (data.Weights is { } w)
        {
            double sum = 0;
            for (int r = 0; r < w.Length; r++)
            {
                if (!float.IsFinite(w[r]) || w[r] < 0)
                    throw new ArgumentException($"{role} data: weight of row {r} is {F(w[r])}; example weights must be finite and ≥ 0.", param);
                sum += w[r];
            }
            if (sum <= 0)
                throw new ArgumentException($"{role} data: every example weight is 0; give at least one row a positive weight.", param);
        }
        if (role == "Training" && task.IsClassification)
            ClassCounts.Of(data, task).ThrowIfUntrainable(task);
    }

    internal static void CheckCompatible(TrainingData train, TrainingData validation)
    {
        if (train.FeatureCount != validation.FeatureCount)
            throw new ArgumentException($"The validation data has {validation.FeatureCount} features but the training data has {train.FeatureCount}: both must have the same feature columns in the same order.", nameof(validation));
        if ((train.Weights is null) != (validation.Weights is null))
            throw new ArgumentException($"The training data {(train.Weights is null ? "has no" : "has")} example weights but the validation data {(validation.Weights is null ? "has none" : "has them")}: give weights to both or to neither.", nameof(validation));
    }
}
