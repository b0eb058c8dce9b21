using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.Quality;

/// <summary>Eval-mode accuracy of a trained snapshot (dropout is the identity), via the engine's managed evaluator.</summary>
internal static class SnapshotScorer
{
    /// <summary>Fraction of rows whose predicted class equals the label (binary: logit &gt; 0 ⇔ label 1).</summary>
    public static double Accuracy(MlpSnapshot model, TrainingData data)
    {
        float[] outputs = SnapshotEvaluator.Forward(model, data.Features, data.RowCount);
        int width = model.OutputSize, correct = 0;
        for (int r = 0; r < data.RowCount; r++)
        {
            int predicted;
            if (model.Task == TaskKind.BinaryClassification)
                predicted = outputs[r] > 0 ? 1 : 0;
            else
            {
                predicted = 0;
                for (int k = 1; k < width; k++)
                    if (outputs[r * width + k] > outputs[r * width + predicted]) predicted = k;
            }
            if (predicted == (int)data.Labels[r]) correct++;
        }
        return (double)correct / data.RowCount;
    }
}
