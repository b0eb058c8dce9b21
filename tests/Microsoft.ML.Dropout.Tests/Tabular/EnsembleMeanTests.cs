using Microsoft.ML.Dropout.Inference.Tabular;
using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Tests.Export;

namespace Microsoft.ML.Dropout.Tests.Tabular;

[Collection("Sequential")]
public class EnsembleMeanTests
{
    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void Binary_ScoreIsTheLogitOfTheMeanProbability_EvenForLargeLogits()
    {
        // members: 2, −1, 60, −60 → mean probability (σ2 + σ−1 + 1 + 0)/4.
        float[] z = { 2f, -1f, 60f, -60f };
        using var module = new EnsembleMean(4, 1, TaskKind.BinaryClassification);
        float score = TabularLayerForward.Run(module.ToSnapshot(), z, 1)[0];
        double mean = (Sigmoid(2) + Sigmoid(-1) + 1 + 0) / 4;
        Assert.Equal(mean, Sigmoid(score), 6);
        float[] extreme = TabularLayerForward.Run(module.ToSnapshot(), new[] { 80f, 90f, 100f, 110f }, 1);
        Assert.True(float.IsFinite(extreme[0]) && extreme[0] > 79, $"score {extreme[0]}");
    }

    [Fact]
    public void Multiclass_SoftmaxOfScoreIsTheMeanProbability()
    {
        float[] z = { 1f, 0f, -1f, /* member 2 */ -3f, 2f, 0.5f };
        using var module = new EnsembleMean(2, 3, TaskKind.MulticlassClassification);
        float[] score = TabularLayerForward.Run(module.ToSnapshot(), z, 1);
        double[] Softmax(float[] v) { var e = v.Select(x => Math.Exp(x)).ToArray(); return e.Select(x => x / e.Sum()).ToArray(); }
        double[] mean = Softmax(z[..3]).Zip(Softmax(z[3..]), (a, b) => (a + b) / 2).ToArray();
        double[] actual = Softmax(score);
        for (int c = 0; c < 3; c++)
            Assert.Equal(mean[c], actual[c], 6);
    }

    [Theory]
    [InlineData(TaskKind.BinaryClassification, 1)]
    [InlineData(TaskKind.MulticlassClassification, 4)]
    [InlineData(TaskKind.Regression, 1)]
    public void EnsembleMean_RandomMemberOutputs_TorchManagedAndOnnxAgree(TaskKind task, int size)
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        using var module = new EnsembleMean(8, size, task);
        float[] rows = TestSnapshots.Rows(50, 8 * size, seed: 3, scale: 4);
        TabularParity.AssertAgree(module, module.ToSnapshot(), rows, 50, new long[] { 8, size });
    }
}
