using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Estimators.Scoring;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Tests.Scoring;

/// <summary>
/// The head's inverse folded into the last layer: the head's affine map of the folded network's output gives back
/// the task score (scalar heads exactly; the multiclass head up to a per-row constant, which softmax ignores).
/// </summary>
public sealed class HeadCompensationTests
{
    private const int Rows = 7;

    [Theory]
    [InlineData(TaskKind.BinaryClassification, 0.7, -0.3)]
    [InlineData(TaskKind.Regression, -2.0, 5.5)]
    public void ScalarFold_HeadOfFoldedOutput_IsTheScore(TaskKind task, double w, double b)
    {
        var snapshot = SyntheticData.RandomSnapshot(task, 4, 1, seed: 2, temperature: 1.7, scale: 4, shift: 10);
        var features = Enumerable.Range(0, Rows * 4).Select(i => (float)Math.Sin(i)).ToArray();
        var folded = ScalarHeadCompensation.Fold(snapshot, w, b);

        var raw = SnapshotEvaluator.Forward(snapshot, features, Rows);
        var score = task == TaskKind.Regression ? SnapshotEvaluator.ToLabelUnits(snapshot, raw) : raw.Select(z => (float)(z / 1.7)).ToArray();
        var x = SnapshotEvaluator.Forward(folded, features, Rows);
        for (int i = 0; i < Rows; i++)
            Assert.True(Math.Abs(w * x[i] + b - score[i]) <= 1e-4 * Math.Max(1, Math.Abs(score[i])), $"row {i}: {w * x[i] + b} vs {score[i]}");
        Assert.Equal((1.0, 1.0, 0.0), (folded.Temperature, folded.OutputScale, folded.OutputShift));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MulticlassFold_HeadOfFoldedOutput_IsTheLogitsOverTemperaturePlusAConstant(bool diagonalHead)
    {
        const int k = 5;
        var snapshot = SyntheticData.RandomSnapshot(TaskKind.MulticlassClassification, 4, k, seed: 4, temperature: 1.3);
        var random = new Random(5);
        var weights = Enumerable.Range(0, k).Select(c => new VBuffer<float>(k, Enumerable.Range(0, k)
            .Select(j => diagonalHead ? (j == c ? 0.5f + c : 0f) : (float)(random.NextDouble() - 0.5 + (j == c ? 2 : 0))).ToArray())).ToArray();
        var bias = Enumerable.Range(0, k).Select(_ => (float)random.NextDouble()).ToArray();
        var features = Enumerable.Range(0, Rows * 4).Select(i => (float)Math.Cos(i)).ToArray();

        var folded = MulticlassHeadCompensation.Fold(snapshot, weights, bias, k);

        var z = SnapshotEvaluator.Forward(snapshot, features, Rows);
        var x = SnapshotEvaluator.Forward(folded, features, Rows);
        for (int i = 0; i < Rows; i++)
        {
            var s = Enumerable.Range(0, k).Select(c => weights[c].DenseValues().Select((w, j) => (double)w * x[i * k + j]).Sum() + bias[c]).ToArray();
            var shift = Enumerable.Range(0, k).Select(c => s[c] - z[i * k + c] / 1.3).ToArray();
            Assert.True(shift.Max() - shift.Min() <= 1e-4, $"row {i}: head minus logits/T varies by {shift.Max() - shift.Min()}");
        }
        Assert.Equal(1.0, folded.Temperature);
    }
}
