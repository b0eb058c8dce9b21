using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Training;
using Microsoft.ML.OnnxRuntime;

namespace Microsoft.ML.Dropout.Tests.Export;

public class McDropoutOnnxExporterTests
{
    private const int Input = 6;

    [Theory]
    [InlineData(TaskKind.BinaryClassification, 1, DropoutKind.Standard)]
    [InlineData(TaskKind.MulticlassClassification, 4, DropoutKind.Standard)]
    [InlineData(TaskKind.Regression, 1, DropoutKind.Gaussian)]
    [InlineData(TaskKind.MulticlassClassification, 3, DropoutKind.Alpha)]
    public void Export_ManyPasses_MeanAndStdAgreeWithManagedMcDropout(TaskKind task, int outputs, DropoutKind kind)
    {
        var activation = kind == DropoutKind.Alpha ? Activation.Selu : Activation.Gelu;
        var snapshot = TestSnapshots.Mlp(task, Input, outputs, activation, layerNorm: kind != DropoutKind.Alpha, residual: true, kind: kind, rate: 0.3)
            with { OutputScale = task == TaskKind.Regression ? 2.5 : 1.0, OutputShift = task == TaskKind.Regression ? 10 : 0 };
        float[] rows = TestSnapshots.Rows(4, Input);
        var options = new McDropoutOnnxOptions { Passes = 4000, Seed = 3 };

        var onnx = OrtRunner.Run(McDropoutOnnxExporter.Export(snapshot, options), rows, 4, Input);
        var managed = SnapshotEvaluator.McDropout(snapshot, rows, 4, passes: 4000, seed: 5);

        float[] expectedMean = task == TaskKind.Regression ? managed.MeanPrediction! : managed.MeanProbability!;
        float[] expectedStd = task == TaskKind.Regression ? managed.StdPrediction! : managed.StdProbability!;
        Assert.Equal(new long[] { 4, outputs }, onnx["McMean"].Shape);
        // Two independent Monte Carlo estimates of the same expectation: agree to a few standard errors.
        double scale = task == TaskKind.Regression ? 2.5 : 1.0;
        OrtRunner.AssertClose(expectedMean, onnx["McMean"].Values, tolerance: 0.03 * scale);
        OrtRunner.AssertClose(expectedStd, onnx["McStd"].Values, tolerance: 0.03 * scale);
        Assert.All(onnx["McStd"].Values, s => Assert.True(s > 0));
        if (task == TaskKind.MulticlassClassification)
        {
            float[] entropy = onnx["McEntropy"].Values, information = onnx["McMutualInformation"].Values;
            for (int r = 0; r < 4; r++)
            {
                Assert.InRange(information[r], -1e-5f, entropy[r] + 1e-5f); // 0 ≤ MI ≤ H
                Assert.InRange(entropy[r], 0f, (float)Math.Log(outputs) + 1e-5f);
                Assert.Equal(managed.PredictiveEntropy![r], entropy[r], 0.03);
            }
        }
    }

    [Fact]
    public void Export_HigherRate_GivesLargerStd()
    {
        float[] rows = TestSnapshots.Rows(16, Input);
        double MeanStd(double rate)
        {
            var snapshot = TestSnapshots.Mlp(TaskKind.BinaryClassification, Input, 1, Activation.Relu, layerNorm: false, residual: false, rate: rate);
            return OrtRunner.Run(McDropoutOnnxExporter.Export(snapshot, new McDropoutOnnxOptions { Passes = 200 }), rows, 16, Input)["McStd"].Values.Average();
        }
        double low = MeanStd(0.05), mid = MeanStd(0.2), high = MeanStd(0.5);
        Assert.True(low < mid && mid < high, $"mean std should grow with the rate: p=0.05 {low}, p=0.2 {mid}, p=0.5 {high}");
    }

    [Fact]
    public void Export_SameModelSameRows_NewSessionsGiveIdenticalValues()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.MulticlassClassification, Input, 3, Activation.Gelu, layerNorm: true, residual: false);
        byte[] model = McDropoutOnnxExporter.Export(snapshot, new McDropoutOnnxOptions { Passes = 20, Seed = 11 });
        float[] rows = TestSnapshots.Rows(5, Input);
        using var first = new InferenceSession(model);
        using var second = new InferenceSession(model);
        Assert.Equal(OrtRunner.Run(first, rows, 5, Input)["McMean"].Values, OrtRunner.Run(second, rows, 5, Input)["McMean"].Values);
    }

    [Fact]
    public void Export_NoDropout_ThrowsWithFix()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.BinaryClassification, Input, 1, Activation.Relu, layerNorm: false, residual: false, rate: 0);
        var ex = Assert.Throws<ArgumentException>(() => McDropoutOnnxExporter.Export(snapshot));
        Assert.StartsWith("The network has no dropout site with a rate > 0, so every MC pass would be identical: train with dropout (DropoutRate > 0) to estimate uncertainty.", ex.Message);
    }
}
