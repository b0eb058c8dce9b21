using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Training;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// Builds the ML.NET-only scoring chain of a trained network: <c>ApplyOnnxModel(Stream)</c> → a tiny ML.NET
/// linear "head" → <c>DropColumns</c>. OnnxTransformer cannot emit scalar columns, so the network's last layer
/// is compensated for the head: the ONNX graph emits x such that the head's own affine map gives back the
/// network's score exactly (up to float rounding). The head then produces Score/Probability/PredictedLabel with
/// ML.NET's own types and annotations, so the evaluators, PredictionEngine and Model.Save/Load treat the chain
/// like a built-in trainer's output, and a process without our assemblies can load it.
/// <list type="bullet">
/// <item>Binary: LbfgsLogisticRegression on a 1-slot column (Score = logit z/T, Probability = sigmoid, PredictedLabel = z &gt; 0).</item>
/// <item>Regression: Sdca (2 iterations) on a 1-slot column (Score = prediction in label units).</item>
/// <item>Multiclass: LbfgsMaximumEntropy on a K-slot column whose weight matrix W is inverted into the network's
/// last layer (x = W⁻¹(z/T − b)); Score = softmax probabilities with the label's class names as slot names,
/// PredictedLabel = key with the label's key values.</item>
/// </list>
/// </summary>
internal static class ScoringChainFactory
{
    /// <summary>Name of the intermediate column that carries the compensated network output into the head; dropped at the end.</summary>
    internal const string HeadColumn = "RegularizedMlp.HeadFeatures";

    internal static TransformerChain<ITransformer> Build(MlpSnapshot snapshot, string featureColumn, IDataView trainingData,
        DataViewSchema.Column labelColumn, int seed)
    {
        var ml = new MLContext(seed);
        byte[] onnx;
        ITransformer head;
        switch (snapshot.Task)
        {
            case TaskKind.BinaryClassification:
            {
                var fitted = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: "BinaryLabel", featureColumnName: HeadColumn)
                    .Fit(ml.Data.LoadFromEnumerable(ScalarHeadRows()));
                var linear = fitted.Model.SubModel;
                onnx = OnnxExporter.Export(snapshot, ScalarHeadExport(featureColumn, linear.Weights[0], linear.Bias));
                head = fitted;
                break;
            }
            case TaskKind.Regression:
            {
                // Capped iterations (automatic ones can take minutes) and one thread (deterministic w, b).
                var fitted = ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
                {
                    LabelColumnName = "Label",
                    FeatureColumnName = HeadColumn,
                    MaximumNumberOfIterations = 2,
                    NumberOfThreads = 1,
                }).Fit(ml.Data.LoadFromEnumerable(ScalarHeadRows()));
                onnx = OnnxExporter.Export(snapshot, ScalarHeadExport(featureColumn, fitted.Model.Weights[0], fitted.Model.Bias));
                head = fitted;
                break;
            }
            default:
            {
                int k = snapshot.OutputSize;
                var fitted = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumnName: "Label", featureColumnName: HeadColumn)
                    .Fit(MulticlassHeadData.Create(ml, k, labelColumn));
                var weights = Array.Empty<VBuffer<float>>();
                fitted.Model.GetWeights(ref weights, out int classes);
                var bias = fitted.Model.GetBiases().ToArray();
                var compensated = MulticlassCompensation.Fold(snapshot, weights, bias, classes);
                onnx = OnnxExporter.Export(compensated, new OnnxExportOptions
                {
                    InputName = featureColumn,
                    RawOutputName = null,
                    ScoreOutputName = HeadColumn,
                    ApplyTemperature = false,
                    OutputShape = OnnxOutputShape.Width,
                });
                head = fitted;
                break;
            }
        }

        var scorer = ml.Transforms.ApplyOnnxModel(new[] { HeadColumn }, new[] { featureColumn }, new MemoryStream(onnx)).Fit(trainingData);
        var scored = head.Transform(scorer.Transform(trainingData));
        var drop = ml.Transforms.DropColumns(HeadColumn).Fit(scored);
        return new TransformerChain<ITransformer>(scorer, head, drop);
    }

    private static OnnxExportOptions ScalarHeadExport(string featureColumn, float weight, float bias) => new()
    {
        InputName = featureColumn,
        RawOutputName = null,
        HeadCompensation = new LinearHeadCompensation(weight, bias),
        HeadCompensationOutputName = HeadColumn,
        OutputShape = OnnxOutputShape.Batch,
    };

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
