using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Estimators.Scoring;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Estimators.Tests.Scoring;

/// <summary>
/// A network with the tabular front (quantile preprocessing + piecewise-linear embedding, no ReLU) is scored by the
/// fitted transformer in managed code with the embedding folded into the first dense layer — in Transform's blocks
/// and in PredictionEngine — and gives the saved-then-loaded chain's values (ONNX Runtime, unfolded) within 1e-5,
/// in several blocks, with missing values, and from several threads at once. Untrained random network: no
/// TorchSharp involved.
/// </summary>
public sealed class FoldedEmbeddingScoringTests
{
    private const int Rows = 2 * BlockScorer.BlockRows + 77;

    [Fact]
    public void Transform_FoldedEmbeddingOverSeveralBlocks_EqualsSavedLoadedChain()
    {
        var ml = new MLContext(0);
        var (model, raw) = Fitted(ml);
        var fast = model.Transform(raw);
        var loaded = BlockScoringTests.SaveAndLoad(model, raw.Schema).Transform(raw);

        foreach (string column in new[] { "Score", "Probability", "PredictedLabel" })
            BlockScoringTests.AssertSameColumn(BlockScoringTests.Values(loaded, column), BlockScoringTests.Values(fast, column), column, 1e-5);
        var scores = BlockScoringTests.Values(fast, "Score").Cast<float>().ToArray();
        Assert.All(scores, s => Assert.True(float.IsFinite(s), $"{s}"));
        Assert.True(scores.Max() - scores.Min() > 0.5, "the scores vary, so the comparison is not vacuous");
    }

    [Fact]
    public void Transform_FoldedEmbeddingFromFourThreads_GivesTheSingleThreadScores()
    {
        var ml = new MLContext(0);
        var (model, raw) = Fitted(ml);
        var single = ml.Data.CreateEnumerable<ScoreOnly>(model.Transform(raw), reuseRowObject: false).Select(r => r.Score).ToArray();
        var results = new float[4][];
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
            results[t] = ml.Data.CreateEnumerable<ScoreOnly>(model.Transform(raw), reuseRowObject: false).Select(r => r.Score).ToArray())).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.All(results, r => Assert.Equal(single, r));
    }

    public sealed class ScoreOnly
    {
        public float Score { get; set; }
    }

    [Fact]
    public void PredictionEngine_FoldedEmbedding_EqualsSavedLoadedChain()
    {
        var ml = new MLContext(0);
        var (model, raw) = Fitted(ml, rows: 300);
        var inputs = ml.Data.CreateEnumerable<BlockScoringTests.ScoringRow>(raw, reuseRowObject: false).ToArray();
        var fast = ml.Model.CreatePredictionEngine<BlockScoringTests.ScoringRow, BlockScoringTests.BinaryPrediction>(model);
        var loaded = ml.Model.CreatePredictionEngine<BlockScoringTests.ScoringRow, BlockScoringTests.BinaryPrediction>(BlockScoringTests.SaveAndLoad(model, raw.Schema));
        var a = new BlockScoringTests.BinaryPrediction();
        var b = new BlockScoringTests.BinaryPrediction();
        foreach (var input in inputs)
        {
            fast.Predict(input, ref a);
            loaded.Predict(input, ref b);
            Assert.True(Math.Abs(a.Score - b.Score) <= 1e-5, $"{a.Score} vs {b.Score}");
            Assert.Equal(b.PredictedLabel, a.PredictedLabel);
        }
    }

    /// <summary>
    /// Binary scoring data with every 7th value of column A missing (filled by the preprocessing), featurized by
    /// Concatenate only (raw features), and an untrained transformer over <see cref="TabularSnapshot"/>.
    /// </summary>
    internal static (TransformerChain<ITransformer> Model, IDataView Raw) Fitted(MLContext ml, int rows = Rows)
    {
        var list = ml.Data.CreateEnumerable<BlockScoringTests.ScoringRow>(BlockScoringTests.Data(ml, rows), reuseRowObject: false).ToList();
        for (int i = 0; i < list.Count; i += 7)
            list[i].A = float.NaN;
        var raw = ml.Data.LoadFromEnumerable(list);
        var prep = ml.Transforms.CopyColumns("Label", nameof(BlockScoringTests.ScoringRow.BoolLabel))
            .Append(ml.Transforms.Concatenate("Features", "A", "B", "C", "D")).Fit(raw);
        var featurized = prep.Transform(raw);
        var snapshot = TabularSnapshot();
        Assert.True(new SnapshotRowEvaluator(snapshot).FoldsEmbedding);
        var result = new Training.TrainingResult(snapshot, Array.Empty<Training.EpochMetrics>(), 1, Training.StopReason.MaxEpochsReached);
        var chain = ScoringChainFactory.Build(snapshot, "Features", featurized, featurized.Schema["Label"], 0);
        var mlp = new RegularizedMlpPredictionTransformer(new RegularizedMlpModelParameters(result, null), chain, "Features", featurized.Schema["Features"].Type);
        return (new TransformerChain<ITransformer>(prep, mlp), raw);
    }

    /// <summary>Quantile preprocessing → PLE embedding of columns 0, 1, 2 (5, 3 and 1 bins; column 3 passes through) → Dense → LayerNorm → GELU → Dense.</summary>
    private static MlpSnapshot TabularSnapshot()
    {
        var r = new Random(9);
        float[] Rand(int count, double s) => Enumerable.Range(0, count).Select(_ => (float)((r.NextDouble() * 2 - 1) * s)).ToArray();
        var training = Rand(400 * 4, 1).Select(v => v + 0.5f).ToArray();
        var preprocessing = FeaturePreprocessor.Fit(training, 400, 4, FeaturePreprocessing.Quantile);
        var encoding = new PiecewiseLinearEncodingLayer("encoding", 4, new[] { 0, 1, 2 },
            new[] { new[] { -1f, -0.4f, 0f, 0.2f, 0.7f, 1.5f }, new[] { -0.5f, 0f, 0.5f, 1f }, new[] { -0.3f, 0.3f } });
        const int d = 3, hidden = 11;
        var embedding = new PiecewiseLinearEmbeddingLayer("embedding", encoding, d, Rand(3 * d, 1), Rand(3 * d, 0.5), Rand(3 * encoding.MaxBins * d, 1), Relu: false);
        int width = embedding.OutputWidth;
        var layers = new List<SnapshotLayer>
        {
            preprocessing,
            embedding,
            new DenseLayer("hidden0.linear", width, hidden, Rand(hidden * width, 1), Rand(hidden, 0.5)),
            new LayerNormLayer("hidden0.norm", hidden, Rand(hidden, 0.5).Select(v => v + 1).ToArray(), Rand(hidden, 0.2), 1e-5f),
            new ActivationLayer("hidden0.act", Activation.Gelu),
            new DropoutLayer("hidden0.dropout", DropoutKind.Standard, 0.3),
            new DenseLayer("output", hidden, 1, Rand(hidden, 1.5), Rand(1, 0.5)),
        };
        return new MlpSnapshot(4, 1, TaskKind.BinaryClassification, layers) { Temperature = 1.1 };
    }
}
