using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Tests.Export;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Inference;

[Collection("Sequential")]
public class McDropoutOutOfDistributionTests
{
    [Fact]
    public void McDropout_RowsFarFromTrainingData_HaveLargerStdThanInDistributionRows()
    {
        // Regression on features in [-1, 1]; "far" rows lie at 6–8 in every feature. No normalization layer:
        // LayerNorm re-normalizes every hidden row, which removes most of the input's scale from the spread.
        var random = new Random(4);
        int rows = 800, features = 5;
        var x = new float[rows * features];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            double target = 0;
            for (int f = 0; f < features; f++)
            {
                float v = (float)(2 * random.NextDouble() - 1);
                x[r * features + f] = v;
                target += (f + 1) * v;
            }
            y[r] = (float)(target + 0.1 * random.NextDouble());
        }
        var options = new MlpRegressionOptions
        {
            MaxEpochs = 15, Seed = 2, NumberOfThreads = 1,
            HiddenLayers = new[] { 64, 64 }, DropoutRate = 0.2, Normalization = Normalization.None,
        };
        var model = new MlpTrainer(options, TrainingTask.Regression).Fit(new TrainingData(x, rows, features, y)).Model;

        float[] near = Enumerable.Range(0, 50 * features).Select(i => (float)(2 * random.NextDouble() - 1)).ToArray();
        float[] far = Enumerable.Range(0, 50 * features).Select(i => (float)(6 + 2 * random.NextDouble())).ToArray();
        double nearStd = SnapshotEvaluator.McDropout(model, near, 50, passes: 100, seed: 1).StdPrediction!.Average(v => (double)v);
        double farStd = SnapshotEvaluator.McDropout(model, far, 50, passes: 100, seed: 1).StdPrediction!.Average(v => (double)v);

        Assert.True(farStd > 2 * nearStd, $"mean MC std far from the data ({farStd:0.000}) should exceed twice the in-distribution std ({nearStd:0.000})");

        // Same conclusion from the ONNX graph that ML.NET scores.
        byte[] onnx = McDropoutOnnxExporter.Export(model, new McDropoutOnnxOptions { Passes = 100 });
        double onnxNear = OrtRunner.Run(onnx, near, 50, features)["McStd"].Values.Average(v => (double)v);
        double onnxFar = OrtRunner.Run(onnx, far, 50, features)["McStd"].Values.Average(v => (double)v);
        Assert.True(onnxFar > 2 * onnxNear, $"ONNX: far {onnxFar:0.000} vs near {onnxNear:0.000}");
    }
}
