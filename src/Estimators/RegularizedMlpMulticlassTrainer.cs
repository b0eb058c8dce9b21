using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// Trains a regularized multi-layer perceptron (dropout family, AdamW weight decay, label smoothing, early stopping) for multiclass classification.
/// Create it with <c>mlContext.MulticlassClassification.Trainers.RegularizedMlp(...)</c>.
/// </summary>
/// <remarks>
/// <format type="text/markdown"><![CDATA[
/// ### Trainer Characteristics
/// | | |
/// | -- | -- |
/// | Machine learning task | Multiclass classification |
///
/// Input: a known-size vector of Single features and a key-typed label (MapValueToKey); optional Single/Double example weights.
/// Output columns: Score (vector of class probabilities; slot names = class names), PredictedLabel (key with the label's key values).
///
/// Normalization, caching, packages, ONNX export, reading, training and scoring: see <see cref="RegularizedMlpTrainerBase{TOptions}"/>.
/// ]]></format>
/// </remarks>
/// <example>
/// <code>
/// var pipeline = ml.Transforms.Concatenate("Features", "A", "B")
///     .Append(ml.Transforms.NormalizeMinMax("Features"))
///     .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
///     .Append(ml.MulticlassClassification.Trainers.RegularizedMlp(new RegularizedMlpMulticlassTrainer.Options { HiddenLayers = new[] { 64, 32 }, MaxEpochs = 30 }));
/// var model = pipeline.Fit(train);
/// </code>
/// </example>
public sealed class RegularizedMlpMulticlassTrainer : RegularizedMlpTrainerBase<RegularizedMlpMulticlassTrainer.Options>
{
    /// <summary>Options of <see cref="RegularizedMlpMulticlassTrainer"/>; every property documents its default and range.</summary>
    public sealed class Options : RegularizedMlpClassificationOptionsBase;

    /// <summary>Validates and copies <paramref name="options"/>; later changes to the object do not affect this trainer.</summary>
    /// <exception cref="ArgumentException">An option is out of range or options conflict; the message names each and its fix.</exception>
    public RegularizedMlpMulticlassTrainer(Options options) : base(options, TaskKind.MulticlassClassification) { }
}
