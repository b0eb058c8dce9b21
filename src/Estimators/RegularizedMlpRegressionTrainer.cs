using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Estimators.Generators;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// Trains a regularized multi-layer perceptron (dropout family, AdamW weight decay, early stopping) for regression on standardized targets.
/// Create it with <c>mlContext.Regression.Trainers.RegularizedMlp(...)</c>.
/// </summary>
/// <remarks>
/// <format type="text/markdown"><![CDATA[
/// ### Trainer Characteristics
/// | | |
/// | -- | -- |
/// | Machine learning task | Regression |
///
/// Input: a known-size vector of Single features and a Single or Double label; optional Single/Double example weights.
/// Output columns: Score (Single, the prediction in label units).
///
/// Normalization, caching, packages, ONNX export, reading, training and scoring: see <see cref="RegularizedMlpTrainerBase{TOptions}"/>.
/// ]]></format>
/// </remarks>
/// <example>
/// <code>
/// var pipeline = ml.Transforms.Concatenate("Features", "A", "B")
///     .Append(ml.Transforms.NormalizeMinMax("Features"))
///     .Append(ml.Regression.Trainers.RegularizedMlp(new RegularizedMlpRegressionTrainer.Options { HiddenLayers = new[] { 64, 32 }, MaxEpochs = 30 }));
/// var model = pipeline.Fit(train);
/// </code>
/// </example>
public sealed partial class RegularizedMlpRegressionTrainer : RegularizedMlpTrainerBase<RegularizedMlpRegressionTrainer.Options>
{
    /// <summary>
    /// Options of <see cref="RegularizedMlpRegressionTrainer"/>: the engine's regression settings
    /// (<see cref="MlpRegressionOptions"/>, flat) plus the ML.NET columns and memory budget (generated from their one
    /// declaration, shared with the classification trainers' options). Every property documents its default and range.
    /// </summary>
    [IncludeOptions(typeof(RegularizedMlpDataOptionsDeclaration))]
    public sealed partial class Options : MlpRegressionOptions, IRegularizedMlpDataOptions;

    /// <summary>Validates and copies <paramref name="options"/>; later changes to the object do not affect this trainer.</summary>
    /// <exception cref="ArgumentException">An option is out of range or options conflict; the message names each and its fix.</exception>
    public RegularizedMlpRegressionTrainer(Options options) : base(options, TaskKind.Regression) { }
}
