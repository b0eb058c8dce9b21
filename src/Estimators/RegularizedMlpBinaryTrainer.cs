using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// Trains a regularized multi-layer perceptron (dropout family, AdamW weight decay, label smoothing, early stopping) for binary classification.
/// Create it with <c>mlContext.BinaryClassification.Trainers.RegularizedMlp(...)</c>.
/// </summary>
/// <remarks>
/// <format type="text/markdown"><![CDATA[
/// ### Trainer Characteristics
/// | | |
/// | -- | -- |
/// | Machine learning task | Binary classification |
///
/// Input: a known-size vector of Single features and a Boolean label; optional Single/Double example weights.
/// Output columns: Score (Single, the logit), Probability (Single, sigmoid of the score), PredictedLabel (Boolean, Score &gt; 0).
///
/// Normalization, caching, packages, ONNX export, reading, training and scoring: see <see cref="RegularizedMlpTrainerBase{TOptions}"/>.
/// ]]></format>
/// </remarks>
/// <example>
/// <code>
/// var pipeline = ml.Transforms.Concatenate("Features", "A", "B")
///     .Append(ml.Transforms.NormalizeMinMax("Features"))
///     .Append(ml.BinaryClassification.Trainers.RegularizedMlp(new RegularizedMlpBinaryTrainer.Options { HiddenLayers = new[] { 64, 32 }, MaxEpochs = 30 }));
/// var model = pipeline.Fit(train);
/// </code>
/// </example>
public sealed class RegularizedMlpBinaryTrainer : RegularizedMlpTrainerBase<RegularizedMlpBinaryTrainer.Options>
{
    /// <summary>Options of <see cref="RegularizedMlpBinaryTrainer"/>; every property documents its default and range.</summary>
    public sealed class Options : RegularizedMlpClassificationOptionsBase;

    /// <summary>Validates and copies <paramref name="options"/>; later changes to the object do not affect this trainer.</summary>
    /// <exception cref="ArgumentException">An option is out of range or options conflict; the message names each and its fix.</exception>
    public RegularizedMlpBinaryTrainer(Options options) : base(options, TaskKind.BinaryClassification) { }
}
