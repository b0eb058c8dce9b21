using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Tests.Export;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Inference;

public class McDropoutTests
{
    private const int Rows = 40;

    [Theory]
    [InlineData(DropoutKind.Standard, TaskKind.MulticlassClassification)]
    [InlineData(DropoutKind.Gaussian, TaskKind.BinaryClassification)]
    [InlineData(DropoutKind.Alpha, TaskKind.Regression)]
    [InlineData(DropoutKind.DropConnect, TaskKind.MulticlassClassification)]
    [InlineData(DropoutKind.Concrete, TaskKind.BinaryClassification)]
    public void McDropout_AllRatesZero_StdIsExactlyZeroAndMeanIsForward(DropoutKind kind, TaskKind task)
    {
        int k = task == TaskKind.MulticlassClassification ? 3 : 1;
        var snapshot = TestSnapshots.Mlp(task, 5, k, kind == DropoutKind.Alpha ? Activation.Selu : Activation.Gelu, true, true, kind, rate: 0);
        float[] rows = TestSnapshots.Rows(Rows, 5);

        var mc = SnapshotEvaluator.McDropout(snapshot, rows, Rows, passes: 8, seed: 3);

        Assert.All(mc.StdRaw, s => Assert.Equal(0f, s));
        Assert.Equal(SnapshotEvaluator.Forward(snapshot, rows, Rows), mc.MeanRaw);
        if (task == TaskKind.Regression)
            Assert.All(mc.StdPrediction!, s => Assert.Equal(0f, s));
        else
        {
            Assert.All(mc.StdProbability!, s => Assert.Equal(0f, s));
            Assert.All(mc.MutualInformation!, m => Assert.Equal(0f, m));
        }
    }

    [Theory]
    [InlineData(DropoutKind.Standard)]
    [InlineData(DropoutKind.Gaussian)]
    [InlineData(DropoutKind.Alpha)]
    [InlineData(DropoutKind.DropConnect)]
    [InlineData(DropoutKind.Concrete)]
    public void McDropout_HigherRate_GivesLargerSpread(DropoutKind kind)
    {
        var activation = kind == DropoutKind.Alpha ? Activation.Selu : Activation.Relu;
        float[] rows = TestSnapshots.Rows(Rows, 5);
        double MeanStd(double rate) => SnapshotEvaluator.McDropout(
            TestSnapshots.Mlp(TaskKind.Regression, 5, 1, activation, false, false, kind, rate, hidden: 64), rows, Rows, 30, 11).StdRaw.Average(s => (double)s);

        double low = MeanStd(0.05), mid = MeanStd(0.2), high = MeanStd(0.5);

        Assert.True(low > 0, $"low {low}");
        Assert.True(low < mid && mid < high, $"{low} < {mid} < {high}");
    }

    [Fact]
    public void McDropout_SameSeed_SameResult_DifferentSeed_DifferentResult()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.MulticlassClassification, 5, 4, Activation.Gelu, true, true, DropoutKind.Standard, 0.3);
        float[] rows = TestSnapshots.Rows(100, 5); // several 32-row blocks, run in parallel

        var a = SnapshotEvaluator.McDropout(snapshot, rows, 100, 10, seed: 5);
        var b = SnapshotEvaluator.McDropout(snapshot, rows, 100, 10, seed: 5);
        var c = SnapshotEvaluator.McDropout(snapshot, rows, 100, 10, seed: 6);

        Assert.Equal(a.MeanRaw, b.MeanRaw);
        Assert.Equal(a.StdProbability, b.StdProbability);
        Assert.Equal(a.MutualInformation, b.MutualInformation);
        Assert.NotEqual(a.MeanRaw, c.MeanRaw);
    }

    /// <summary>[dropout site, identity Dense K→K] on all-ones input: the output is the mask itself.</summary>
    private static MlpSnapshot MaskProbe(DropoutKind kind, double rate, int width)
    {
        var identity = new float[width * width];
        for (int i = 0; i < width; i++) identity[i * width + i] = 1;
        return new MlpSnapshot(width, width, TaskKind.MulticlassClassification, new SnapshotLayer[]
        {
            new DropoutLayer("site", kind, rate),
            new DenseLayer("probe", width, width, identity, new float[width]),
        });
    }

    [Theory]
    [InlineData(DropoutKind.Standard)]
    [InlineData(DropoutKind.Concrete)]
    public void McDropout_StandardOrConcreteSite_DropsAtTheRateAndScalesSurvivors(DropoutKind kind)
    {
        const int width = 200, rows = 100;
        var mc = SnapshotEvaluator.McDropout(MaskProbe(kind, 0.3, width), Enumerable.Repeat(1f, rows * width).ToArray(), rows, 1, 1);

        double dropped = mc.MeanRaw.Count(v => v == 0) / (double)mc.MeanRaw.Length;
        Assert.InRange(dropped, 0.29, 0.31); // 20,000 Bernoulli(0.3): σ ≈ 0.0032
        Assert.All(mc.MeanRaw.Where(v => v != 0), v => Assert.Equal((float)(1 / 0.7), v));
    }

    [Fact]
    public void McDropout_GaussianSite_HasMeanOneAndVarianceRateOverKeep()
    {
        const int width = 200, rows = 100;
        var mc = SnapshotEvaluator.McDropout(MaskProbe(DropoutKind.Gaussian, 0.2, width), Enumerable.Repeat(1f, rows * width).ToArray(), rows, 1, 2);

        double mean = mc.MeanRaw.Average(v => (double)v);
        double variance = mc.MeanRaw.Average(v => (v - mean) * (v - mean));
        Assert.InRange(mean, 0.99, 1.01);          // σ of the mean ≈ 0.5/√20000 ≈ 0.0035
        Assert.InRange(variance, 0.24, 0.26);      // p/(1 − p) = 0.25
    }

    [Fact]
    public void McDropout_AlphaSite_KeepsZeroMeanAndUnitVariance()
    {
        const int width = 200, rows = 100;
        float[] input = TestSnapshots.Rows(rows, width, seed: 9, scale: 1.0); // N(0, 1), as after SELU
        var mc = SnapshotEvaluator.McDropout(MaskProbe(DropoutKind.Alpha, 0.3, width), input, rows, 1, 3);

        double mean = mc.MeanRaw.Average(v => (double)v);
        double variance = mc.MeanRaw.Average(v => (v - mean) * (v - mean));
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(variance, 0.96, 1.04);
        double saturated = (-1.7580993408473766 * 0.7 - 0) / Math.Sqrt(0.7 * (1 + 0.3 * 1.7580993408473766 * 1.7580993408473766)); // a·α'·(1 − p)
        Assert.InRange(mc.MeanRaw.Count(v => Math.Abs(v - saturated) < 1e-5) / (double)mc.MeanRaw.Length, 0.29, 0.31);
    }

    [Fact]
    public void McDropout_DropConnectSite_MasksWeightsOncePerPassForAllRows()
    {
        const int width = 100, rows = 50;
        var mc = SnapshotEvaluator.McDropout(MaskProbe(DropoutKind.DropConnect, 0.4, width), Enumerable.Repeat(1f, rows * width).ToArray(), rows, 1, 4);

        float[] first = mc.MeanRaw[..width];
        for (int r = 1; r < rows; r++)
            Assert.Equal(first, mc.MeanRaw[(r * width)..((r + 1) * width)]);
        Assert.InRange(first.Count(v => v == 0) / (double)width, 0.25, 0.55); // diagonal weights dropped at 0.4
        Assert.All(first.Where(v => v != 0), v => Assert.Equal((float)(1 / 0.6), v));
    }

    [Fact]
    public void McDropout_Multiclass_EntropyDecomposesIntoNonNegativeMutualInformation()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.MulticlassClassification, 5, 4, Activation.Relu, false, false, DropoutKind.Standard, 0.5);
        float[] rows = TestSnapshots.Rows(Rows, 5);

        var mc = SnapshotEvaluator.McDropout(snapshot, rows, Rows, 20, 8);

        Assert.Equal(Rows * 4, mc.MeanProbability!.Length);
        for (int r = 0; r < Rows; r++)
        {
            Assert.Equal(1.0, mc.MeanProbability.Skip(r * 4).Take(4).Sum(p => (double)p), 5);
            Assert.InRange(mc.PredictiveEntropy![r], 0, Math.Log(4) + 1e-6);
            Assert.InRange(mc.MutualInformation![r], 0, mc.PredictiveEntropy[r] + 1e-6);
        }
        Assert.True(mc.MutualInformation!.Average(m => m) > 1e-3);
    }

    [Fact]
    public void McDropout_Regression_ReportsLabelUnits()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.Regression, 5, 1, Activation.Relu, false, false, DropoutKind.Standard, 0.3) with { OutputScale = -2, OutputShift = 7 };
        float[] rows = TestSnapshots.Rows(Rows, 5);

        var mc = SnapshotEvaluator.McDropout(snapshot, rows, Rows, 10, 1);

        for (int r = 0; r < Rows; r++)
        {
            Assert.Equal(mc.MeanRaw[r] * -2 + 7, mc.MeanPrediction![r], 4);
            Assert.Equal(mc.StdRaw[r] * 2, mc.StdPrediction![r], 4);
        }
        Assert.Null(mc.MeanProbability);
    }
}
