using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Estimators.Scoring;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using Microsoft.ML.Dropout.Training;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// Builds the ML.NET-only scoring chain of a trained network: <c>ApplyOnnxModel(Stream)</c> → a tiny ML.NET
/// linear "head" → <c>DropColumns</c>. OnnxTransformer cannot emit scalar columns, so the inverse of the head is
/// folded into the network's last layer (<see cref="ScalarHeadCompensation"/>, <see cref="MulticlassHeadCompensation"/>):
/// the ONNX graph emits x such that the head's own affine map gives back the network's score exactly (up to float
/// rounding). The head then produces Score/Probability/PredictedLabel with ML.NET's own types and annotations, so
/// the evaluators, PredictionEngine and Model.Save/Load treat the chain like a built-in trainer's output, and a
/// process without our assemblies can load it. The engine knows nothing of the head: it exports a plain network.
/// <list type="bullet">
/// <item>Binary: LbfgsLogisticRegression on a 1-slot column (Score = logit z/T, Probability = sigmoid, PredictedLabel = z &gt; 0).</item>
/// <item>Regression: Sdca (2 iterations) on a 1-slot column (Score = prediction in label units).</item>
/// <item>Multiclass: LbfgsMaximumEntropy on a 1×K column (ONNX [N, K]); Score = softmax probabilities with the
/// label's class names as slot names, PredictedLabel = key with the label's key values.</item>
/// </list>
/// Every ONNX output keeps a symbolic batch dimension, so <see cref="BlockScorer"/> runs the same graph on blocks of rows.
/// </summary>
internal static class ScoringChainFactory
{
    /// <summary>
    /// Name of the intermediate column that carries the network output, with the head's inverse folded in, into the
    /// ML.NET head; dropped at the end of the chain.
    /// </summary>
    internal const string HeadColumn = "RegularizedMlp.NetworkOutputForHead";

    internal static ScoringChain Build(MlpSnapshot snapshot, string featureColumn, IDataView trainingData,
        DataViewSchema.Column labelColumn, int seed)
    {
        var ml = new MLContext(seed);
        snapshot = EnsembleTemperature.IntoMembers(snapshot); // an ensemble's temperature divides each member's logits
        var (compensated, head, headType) = snapshot.Task switch
        {
            TaskKind.BinaryClassification => BinaryHead(ml, snapshot),
            TaskKind.Regression => RegressionHead(ml, snapshot),
            _ => MulticlassHead(ml, snapshot, labelColumn),
        };
        byte[] onnx = OnnxExporter.Export(compensated, new OnnxExportOptions
        {
            InputName = featureColumn,
            RawOutputName = null,
            ScoreOutputName = HeadColumn,
            OutputShape = snapshot.Task == TaskKind.MulticlassClassification ? OnnxOutputShape.BatchByWidth : OnnxOutputShape.Batch,
        });

        var scorer = ml.Transforms.ApplyOnnxModel(new[] { HeadColumn }, new[] { featureColumn }, new MemoryStream(onnx)).Fit(trainingData);
        var scored = head.Transform(scorer.Transform(trainingData));
        var drop = ml.Transforms.DropColumns(HeadColumn).Fit(scored);
        var chain = new TransformerChain<ITransformer>(scorer, head, drop);
        return new ScoringChain(chain, new BlockScorer(compensated, onnx, featureColumn, HeadColumn, head, headType));
    }

    private static (MlpSnapshot, ITransformer, DataViewType) BinaryHead(MLContext ml, MlpSnapshot snapshot)
    {
        var fitted = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: "BinaryLabel", featureColumnName: HeadColumn)
            .Fit(ml.Data.LoadFromEnumerable(ScalarHeadRows()));
        var linear = fitted.Model.SubModel;
        return (ScalarHeadCompensation.Fold(snapshot, linear.Weights[0], linear.Bias), fitted, fitted.FeatureColumnType);
    }

    private static (MlpSnapshot, ITransformer, DataViewType) RegressionHead(MLContext ml, MlpSnapshot snapshot)
    {
        // Capped iterations (automatic ones can take minutes) and one thread (deterministic w, b).
        var fitted = ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = HeadColumn,
            MaximumNumberOfIterations = 2,
            NumberOfThreads = 1,
        }).Fit(ml.Data.LoadFromEnumerable(ScalarHeadRows()));
        return (ScalarHeadCompensation.Fold(snapshot, fitted.Model.Weights[0], fitted.Model.Bias), fitted, fitted.FeatureColumnType);
    }

    private static (MlpSnapshot, ITransformer, DataViewType) MulticlassHead(MLContext ml, MlpSnapshot snapshot, DataViewSchema.Column labelColumn)
    {
        int k = snapshot.OutputSize;
        // Sparse one-hot rows and one L-BFGS iteration: any head whose W + 11ᵀ is well conditioned will do, because
        // its inverse is folded into the network. From zero weights, one step along the gradient of one-hot rows gives
        // W = α(I − 11ᵀ/K), so W + 11ᵀ = αI + (1 − α/K)11ᵀ: invertible and well conditioned.
        var fitted = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = HeadColumn,
            MaximumNumberOfIterations = 1,
            HistorySize = 1,
            NumberOfThreads = 1,
        }).Fit(MulticlassHeadData.Create(ml, k, labelColumn));
        var weights = Array.Empty<VBuffer<float>>();
        fitted.Model.GetWeights(ref weights, out int classes);
        var bias = fitted.Model.GetBiases().ToArray();
        return (MulticlassHeadCompensation.Fold(snapshot, weights, bias, classes), fitted, fitted.FeatureColumnType);
    }

    private static IEnumerable<ScalarHeadRow> ScalarHeadRows()
    {
        foreach (float x in new[] { -2f, -1f, -0.5f, 0.5f, 1f, 2f })
            yield return new ScalarHeadRow { Features = new[] { x }, BoolLabel = x > 0, Label = x };
    }

    /// <summary>A dummy row for the scalar heads; only its column types matter.</summary>
    private sealed class ScalarHeadRow
    {
        [ColumnName(HeadColumn), VectorType(1)]
        public float[] Features { get; set; } = [];

        [ColumnName("BinaryLabel")]
        public bool BoolLabel { get; set; }

        public float Label { get; set; }
    }
}
