using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;
using Microsoft.ML.Transforms;

namespace MLNetRegularization.Samples.Datasets;

/// <summary>
/// Builds the usual tabular featurization: one-hot categoricals (an empty string is missing and becomes all zeros),
/// missing numerics replaced by the training mean, numerics rescaled, everything concatenated into <c>Features</c>;
/// the <c>Label</c> becomes a key for multiclass and is left as is (Boolean / Single) otherwise.
/// </summary>
public static class TabularFeaturizer
{
    /// <summary>Name of the output feature vector.</summary>
    public const string FeaturesColumn = "Features";
    /// <summary>Name of the label column, before and after featurization.</summary>
    public const string LabelColumn = "Label";

    /// <summary>Builds the (unfitted) pipeline.</summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="task">The task; multiclass maps <c>Label</c> to a key whose values are sorted.</param>
    /// <param name="numericColumns">Single (or Single vector) columns; may be empty.</param>
    /// <param name="categoricalColumns">Text columns to one-hot encode; may be empty.</param>
    /// <param name="scaling">Rescaling of the numeric columns. Default <see cref="NumericScaling.MeanVariance"/>.</param>
    public static IEstimator<ITransformer> Build(MLContext mlContext, TaskKind task, IReadOnlyList<string> numericColumns,
        IReadOnlyList<string> categoricalColumns, NumericScaling scaling = NumericScaling.MeanVariance)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(numericColumns);
        ArgumentNullException.ThrowIfNull(categoricalColumns);
        if (numericColumns.Count + categoricalColumns.Count == 0)
            throw new ArgumentException("Give at least one numeric or categorical column.", nameof(numericColumns));

        var transforms = mlContext.Transforms;
        IEstimator<ITransformer> pipeline = task == TaskKind.MulticlassClassification
            ? transforms.Conversion.MapValueToKey(LabelColumn, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            : new EstimatorChain<ITransformer>();
        var parts = new List<string>();
        if (numericColumns.Count > 0)
        {
            const string numeric = "NumericFeatures";
            pipeline = pipeline
                .Append(transforms.Concatenate(numeric, numericColumns.ToArray()))
                .Append(transforms.ReplaceMissingValues(numeric, replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean));
            pipeline = scaling switch
            {
                NumericScaling.MeanVariance => pipeline.Append(transforms.NormalizeMeanVariance(numeric, fixZero: false)),
                NumericScaling.MeanVarianceWithBins => pipeline
                    .Append(transforms.NormalizeBinning("NumericBins", numeric, fixZero: false, maximumBinCount: 16))
                    .Append(transforms.Categorical.OneHotEncoding("NumericBinsOneHot", "NumericBins"))
                    .Append(transforms.NormalizeMeanVariance(numeric, fixZero: false)),
                NumericScaling.MinMax => pipeline.Append(transforms.NormalizeMinMax(numeric, fixZero: false)),
                NumericScaling.Quantile => pipeline.Append(transforms.NormalizeBinning(numeric, fixZero: false, maximumBinCount: 1024)),
                _ => pipeline,
            };
            parts.Add(numeric);
            if (scaling == NumericScaling.MeanVarianceWithBins)
                parts.Add("NumericBinsOneHot");
        }
        if (categoricalColumns.Count > 0)
        {
            // One estimator for all columns: fitted in one pass (a chain of one estimator per column refits over
            // every earlier one, which is quadratic in the column count: minutes for DNA's 180 columns).
            var pairs = categoricalColumns.Select(c => new InputOutputColumnPair(c + "OneHot", c)).ToArray();
            pipeline = pipeline.Append(transforms.Categorical.OneHotEncoding(pairs));
            parts.AddRange(pairs.Select(p => p.OutputColumnName));
        }
        return pipeline.Append(transforms.Concatenate(FeaturesColumn, parts.ToArray()));
    }
}
