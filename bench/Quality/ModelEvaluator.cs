using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Metrics;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality;

/// <summary>Trains one candidate on a featurized split, times training and scoring, and computes the metrics.</summary>
internal static class ModelEvaluator
{
    public static (QualityResult Result, ITransformer Model) Run(MLContext ml, FeaturizedSplit split, TrainerCandidate candidate)
    {
        var estimator = candidate.Create(ml, split);
        var clock = Stopwatch.StartNew();
        ITransformer model = estimator.Fit(split.Train);
        double trainSeconds = clock.Elapsed.TotalSeconds;

        // Scoring throughput: Transform plus one full cursor pass that reads every prediction.
        clock.Restart();
        IDataView scored = model.Transform(split.Test);
        var predictions = ReadPredictions(scored, split.Task);
        double scoreSeconds = clock.Elapsed.TotalSeconds;
        double rowsPerSecond = predictions.Rows / Math.Max(scoreSeconds, 1e-9);

        var result = new QualityResult(candidate.Name, trainSeconds, rowsPerSecond);
        switch (split.Task)
        {
            case TaskKind.BinaryClassification:
            {
                var m = ml.BinaryClassification.Evaluate(scored);
                result = result with { Accuracy = m.Accuracy, Auc = m.AreaUnderRocCurve, LogLoss = m.LogLoss, Ece = predictions.Ece() };
                break;
            }
            case TaskKind.MulticlassClassification:
            {
                var m = ml.MulticlassClassification.Evaluate(scored);
                result = result with { Accuracy = m.MicroAccuracy, MacroAccuracy = m.MacroAccuracy, LogLoss = m.LogLoss, Ece = predictions.Ece() };
                break;
            }
            default:
            {
                var m = ml.Regression.Evaluate(scored);
                result = result with { Rmse = m.RootMeanSquaredError, Mae = m.MeanAbsoluteError, RSquared = m.RSquared };
                break;
            }
        }
        return (result, model);
    }

    /// <summary>Predictions read in the timed pass: probabilities and labels (classification), for the engine's ECE.</summary>
    private sealed class Predictions
    {
        public long Rows;
        public int ClassCount;
        public List<float> Probabilities { get; } = new();
        public List<bool> BinaryLabels { get; } = new();
        public List<int> ClassLabels { get; } = new();

        /// <summary>Top-label ECE, 15 equal-width bins (Microsoft.ML.Dropout.Metrics.Calibration).</summary>
        public double? Ece()
        {
            if (Probabilities.Count == 0) return null;
            return ClassCount == 0
                ? Calibration.Binary(Probabilities.ToArray(), BinaryLabels.ToArray()).Ece
                : Calibration.Multiclass(Probabilities.ToArray(), ClassLabels.Count, ClassCount, ClassLabels.ToArray()).Ece;
        }
    }

    private static Predictions ReadPredictions(IDataView scored, TaskKind task)
    {
        var p = new Predictions();
        var schema = scored.Schema;
        var score = schema["Score"];
        var label = schema["Label"];
        switch (task)
        {
            case TaskKind.BinaryClassification:
            {
                var probability = schema.GetColumnOrNull("Probability");
                var active = probability is { } pc ? new[] { score, pc, label } : new[] { score, label };
                using var cursor = scored.GetRowCursor(active);
                var getScore = cursor.GetGetter<float>(score);
                var getProbability = probability is { } pcol ? cursor.GetGetter<float>(pcol) : null;
                var getLabel = cursor.GetGetter<bool>(label);
                float s = 0, prob = 0;
                bool y = false;
                while (cursor.MoveNext())
                {
                    getScore(ref s);
                    getLabel(ref y);
                    if (getProbability != null)
                    {
                        getProbability(ref prob);
                        p.Probabilities.Add(Math.Clamp(prob, 0f, 1f));
                        p.BinaryLabels.Add(y);
                    }
                    p.Rows++;
                }
                break;
            }
            case TaskKind.MulticlassClassification:
            {
                using var cursor = scored.GetRowCursor(new[] { score, label });
                var getScore = cursor.GetGetter<VBuffer<float>>(score);
                var getLabel = cursor.GetGetter<uint>(label);
                VBuffer<float> s = default;
                uint y = 0;
                while (cursor.MoveNext())
                {
                    getScore(ref s);
                    getLabel(ref y);
                    p.Rows++;
                    p.ClassCount = s.Length;
                    // Key 0: a class the training part never had (a rare class that fell into the test part only).
                    // ML.NET's evaluator leaves such rows out of accuracy and log-loss; the ECE leaves them out too.
                    if (y == 0) continue;
                    foreach (float v in s.DenseValues()) p.Probabilities.Add(Math.Clamp(v, 0f, 1f));
                    p.ClassLabels.Add((int)y - 1);
                }
                break;
            }
            default:
            {
                using var cursor = scored.GetRowCursor(new[] { score });
                var getScore = cursor.GetGetter<float>(score);
                float s = 0;
                while (cursor.MoveNext()) { getScore(ref s); p.Rows++; }
                break;
            }
        }
        return p;
    }
}
