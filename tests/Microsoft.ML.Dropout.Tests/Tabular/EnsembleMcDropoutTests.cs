using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Tests.Export;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Tabular;

/// <summary>MC dropout on an ensemble (EnsembleSize &gt; 1) works on the averaged prediction, managed and in ONNX.</summary>
[Collection("Sequential")]
public class EnsembleMcDropoutTests
{
    private const int Rows = 30, Inputs = 5;

    /// <param name="realMlpPieces">Parametric activation and residual blocks with DropPath (the second block's dropout sits inside it).</param>
    private static MlpSnapshot Snapshot(TaskKind task, int outputs, double rate, double temperature, bool realMlpPieces = false)
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(21);
        using var model = new EnsembleMlp(Inputs, outputs, task, new[] { 16, 16 }, Activation.Relu, rate, members: 4, EnsembleKind.BatchEnsemble,
            parametricActivation: realMlpPieces, residual: realMlpPieces, dropPathRate: realMlpPieces ? 0.2 : 0);
        return new MlpSnapshot(Inputs, outputs, task, model.ToSnapshotLayers()) { Temperature = temperature };
    }

    [Theory]
    [InlineData(TaskKind.BinaryClassification, 1, false)]
    [InlineData(TaskKind.MulticlassClassification, 3, false)]
    [InlineData(TaskKind.BinaryClassification, 1, true)]
    public void McDropout_Ensemble_ManagedAndOnnxAgreeOnTheAveragedPredictionsSpread(TaskKind task, int outputs, bool realMlpPieces)
    {
        var snapshot = Snapshot(task, outputs, rate: 0.3, temperature: 1.7, realMlpPieces);
        Assert.Equal(realMlpPieces, snapshot.Layers.Any(l => l is ResidualBlock));
        float[] rows = TestSnapshots.Rows(Rows, Inputs, seed: 8, scale: 2);
        const int passes = 400;
        var managed = SnapshotEvaluator.McDropout(snapshot, rows, Rows, passes, seed: 3);
        var options = new McDropoutOnnxOptions { Passes = passes, Seed = 3 };
        var onnx = OrtRunner.Run(McDropoutOnnxExporter.Export(snapshot, options), rows, Rows, Inputs);
        float[] onnxMean = onnx[options.MeanName].Values, onnxStd = onnx[options.StdName].Values;
        float[] managedMean = managed.MeanProbability!, managedStd = managed.StdProbability!;
        int width = task == TaskKind.BinaryClassification ? 1 : outputs;
        Assert.Equal(Rows * width, onnxMean.Length);
        Assert.Equal(Rows * width, managedMean.Length);
        Assert.All(managedStd, s => Assert.True(s > 1e-4, $"managed std {s}"));
        Assert.All(onnxStd, s => Assert.True(s > 1e-4, $"onnx std {s}"));
        for (int i = 0; i < managedMean.Length; i++)
        {
            Assert.True(Math.Abs(managedMean[i] - onnxMean[i]) < 0.04, $"mean {i}: managed {managedMean[i]} onnx {onnxMean[i]}");
            Assert.True(Math.Abs(managedStd[i] - onnxStd[i]) < 0.04, $"std {i}: managed {managedStd[i]} onnx {onnxStd[i]}");
        }
    }

    [Fact]
    public void McDropout_EnsembleWithRateZero_IsTheDeterministicTemperedPrediction()
    {
        var snapshot = Snapshot(TaskKind.BinaryClassification, 1, rate: 0.0, temperature: 1.7);
        float[] rows = TestSnapshots.Rows(Rows, Inputs, seed: 9, scale: 2);
        var mc = SnapshotEvaluator.McDropout(snapshot, rows, Rows, passes: 5, seed: 1);
        float[] expected = SnapshotEvaluator.Probabilities(snapshot, SnapshotEvaluator.Forward(snapshot, rows, Rows), Rows);
        OrtRunner.AssertClose(expected, mc.MeanProbability!);
        Assert.All(mc.StdProbability!, s => Assert.Equal(0f, s));
    }
}
