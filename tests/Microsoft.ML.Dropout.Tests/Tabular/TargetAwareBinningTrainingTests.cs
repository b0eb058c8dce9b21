using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using Microsoft.ML.Dropout.Tests.Export;
using Microsoft.ML.Dropout.Training;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Tabular;

/// <summary>
/// The trainer uses <c>PiecewiseLinearBinning</c>: with TargetAware the model's bin edges are <see cref="TargetAwareBins"/>'
/// on the training rows and their labels (never the validation rows), with Quantile they are the quantile edges; and
/// a model with target-aware edges scores alike in TorchSharp, the managed evaluators (block and folded row) and ONNX.
/// </summary>
[Collection("Sequential")]
public class TargetAwareBinningTrainingTests
{
    private const int Features = 3;

    /// <summary>Three columns uniform on [0, 10)·<paramref name="scale"/>; the label depends on the first two.</summary>
    private static TrainingData Data(TaskKind task, int rows, int seed, float scale = 1)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, rows * Features).Select(_ => (float)(rng.NextDouble() * 10 * scale)).ToArray();
        var y = Enumerable.Range(0, rows).Select(r =>
        {
            float a = x[r * Features], b = x[r * Features + 1];
            return task switch
            {
                TaskKind.BinaryClassification => a > 3.7f != b > 6 ? 1f : 0f,
                TaskKind.MulticlassClassification => a < 2.5f ? 0f : a < 8.1f ? 2f : 1f,
                _ => 100 * MathF.Sin(a) + b,
            };
        }).ToArray();
        return new TrainingData(x, rows, Features, y);
    }

    private static float[][] FittedEdges(TaskKind task, PiecewiseLinearBinning? binning, TrainingData train, TrainingData validation)
    {
        var options = new MlpTrainerOptions
        {
            Preprocessing = FeaturePreprocessing.None, NumericEmbedding = NumericEmbeddingKind.PiecewiseLinear, PiecewiseLinearBinning = binning,
            HiddenLayers = new[] { 8 }, MaxEpochs = 1, BatchSize = 64, NumberOfThreads = 1,
        };
        var result = new MlpTrainer(options, TrainingTask.Of(task, 3)).Fit(train, validation);
        return result.Model.Layers.OfType<PiecewiseLinearEmbeddingLayer>().Single().Encoding.Edges;
    }

    [Theory]
    [InlineData(TaskKind.BinaryClassification)]
    [InlineData(TaskKind.MulticlassClassification)]
    [InlineData(TaskKind.Regression)]
    public void Fit_TargetAware_ModelEdgesAreTheBinnersOnTheTrainingRows(TaskKind task)
    {
        var train = Data(task, 800, seed: 1);
        var validation = Data(task, 200, seed: 2, scale: 3); // a wider range: edges fitted on these rows too would end elsewhere
        int[] columns = { 0, 1, 2 };

        float[][] targetAware = FittedEdges(task, PiecewiseLinearBinning.TargetAware, train, validation);
        float[][] quantile = FittedEdges(task, PiecewiseLinearBinning.Quantile, train, validation);

        Assert.Equal(TargetAwareBins.Compute(train.Features, train.RowCount, Features, columns, BinningTargets.From(train, task)), targetAware);
        Assert.Equal(PiecewiseLinearBins.Compute(train.Features, train.RowCount, Features, columns), quantile);
        Assert.NotEqual(quantile[0], targetAware[0]);
    }

    /// <summary>The default (binning not set) depends on the task: target-aware bins for classification, quantile bins for regression.</summary>
    [Theory]
    [InlineData(TaskKind.BinaryClassification, PiecewiseLinearBinning.TargetAware)]
    [InlineData(TaskKind.MulticlassClassification, PiecewiseLinearBinning.TargetAware)]
    [InlineData(TaskKind.Regression, PiecewiseLinearBinning.Quantile)]
    public void Fit_BinningNotSet_UsesTheTasksDefault(TaskKind task, PiecewiseLinearBinning expected)
    {
        var train = Data(task, 800, seed: 1);
        var validation = Data(task, 200, seed: 2, scale: 3);

        Assert.Null(new MlpTrainerOptions().PiecewiseLinearBinning);
        Assert.Equal(FittedEdges(task, expected, train, validation), FittedEdges(task, null, train, validation));
    }

    [Fact]
    public void TabularFront_TargetAwareWithoutTargets_ThrowsWithTheFix()
    {
        var data = Data(TaskKind.BinaryClassification, 200, seed: 3);
        var options = new TabularFrontOptions { PiecewiseLinearBinning = PiecewiseLinearBinning.TargetAware };
        var error = Assert.Throws<ArgumentException>(() => TabularFront.Fit(data.Features, data.RowCount, Features, options));
        Assert.Equal("PiecewiseLinearBinning = TargetAware needs the training labels: pass targets to TabularFront.Fit (or TabularNetwork.Build), or set PiecewiseLinearBinning = Quantile. (Parameter 'targets')", error.Message);
    }

    [Fact]
    public void TabularFront_TargetAwareOnQuantileFeaturesWithNaN_TorchManagedAndOnnxAgree()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(11);
        var train = Data(TaskKind.BinaryClassification, 600, seed: 4);
        var rows = TabularParity.WithNaN(train.Features, every: 13);
        var options = new TabularFrontOptions { PiecewiseLinearBinning = PiecewiseLinearBinning.TargetAware, EmbeddingDimension = 4 };
        using var front = TabularFront.Fit(rows, train.RowCount, Features, options, BinningTargets.From(train, TaskKind.BinaryClassification));

        var encoding = front.ToSnapshotLayers().OfType<PiecewiseLinearEmbeddingLayer>().Single().Encoding;
        Assert.All(encoding.Edges, e => Assert.InRange(e.Length, 3, 40)); // tree edges: fewer than the 49 quantile edges
        var test = Data(TaskKind.BinaryClassification, 150, seed: 5, scale: 1.2f);
        TabularParity.AssertChainAgrees(front, front.ToSnapshotLayers(), TabularParity.WithNaN(test.Features, every: 11), test.RowCount, Features);
    }

    [Fact]
    public void Fit_TargetAware_ManagedBlockRowAndOnnxScoresAgree()
    {
        var options = new MlpClassificationOptions
        {
            PiecewiseLinearBinning = PiecewiseLinearBinning.TargetAware, HiddenLayers = new[] { 16 }, MaxEpochs = 3, BatchSize = 64,
            Seed = 2, NumberOfThreads = 1,
        };
        var result = new MlpTrainer(options, TrainingTask.Binary).Fit(Data(TaskKind.BinaryClassification, 800, seed: 6));
        var snapshot = result.Model;
        var test = Data(TaskKind.BinaryClassification, 120, seed: 7, scale: 1.1f);
        test.Features[5] = float.NaN;

        float[] block = SnapshotEvaluator.Forward(snapshot, test.Features, test.RowCount);
        var rowEvaluator = new SnapshotRowEvaluator(snapshot);
        var row = new float[1];
        foreach (var export in new[] { new OnnxExportOptions(), new OnnxExportOptions { FoldPiecewiseLinearEmbedding = true } })
        {
            float[] onnx = OrtRunner.Run(OnnxExporter.Export(snapshot, export), test.Features, test.RowCount, Features)[OnnxExportOptions.Defaults.RawOutputName].Values;
            OrtRunner.AssertClose(block, onnx, 1e-5);
        }
        for (int r = 0; r < test.RowCount; r++)
        {
            rowEvaluator.Forward(test.Features.AsSpan(r * Features, Features), row);
            Assert.True(Math.Abs(row[0] - block[r]) <= 1e-5 * Math.Max(1, Math.Abs(block[r])), $"row {r}: row evaluator {row[0]} vs block evaluator {block[r]}");
        }
    }
}
