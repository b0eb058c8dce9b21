using Microsoft.ML.Data;
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
/// | Is normalization required? | Yes (e.g. NormalizeMinMax or NormalizeMeanVariance) |
/// | Is caching required? | No (the data is read once into memory) |
/// | Required NuGet in addition to Microsoft.ML | Microsoft.ML.Dropout.Estimators (training: TorchSharp-cpu; scoring: Microsoft.ML.OnnxTransformer) |
/// | Exportable to ONNX | Yes (Model.ExportOnnx) |
///
/// Input: a known-size vector of Single features and a Single or Double label; optional Single/Double example weights.
/// Output columns: Score (Single, the prediction in label units).
///
/// Training reads the IDataView once into contiguous float buffers (limit: MemoryBudgetBytes), then the
/// engine trains with TorchSharp. The fitted model scores through ML.NET's OnnxTransformer (see
/// RegularizedMlpPredictionTransformer), so a saved model loads without this library.
///
/// Scoring paths: Transform, PredictionEngine, Evaluate, CrossValidate, permutation feature importance and a model
/// loaded with mlContext.Model.Load run ML.NET's OnnxTransformer (one ONNX Runtime call per row);
/// transformer.Model.PredictBatch runs one ONNX Runtime session on 4096-row batches (several times faster in bulk).
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
public sealed class RegularizedMlpRegressionTrainer : IEstimator<RegularizedMlpPredictionTransformer>
{
    /// <summary>Options of <see cref="RegularizedMlpRegressionTrainer"/>; every property documents its default and range.</summary>
    public sealed class Options : RegularizedMlpOptionsBase
    {
        /// <summary>Regression loss on standardized targets. Default <see cref="Losses.RegressionLoss.Mse"/>.</summary>
        public Losses.RegressionLoss Loss { get; set; } = Losses.RegressionLoss.Mse;

        /// <summary>Huber threshold on standardized targets (with <see cref="Losses.RegressionLoss.Huber"/>). Default 1; &gt; 0.</summary>
        public double HuberDelta { get; set; } = 1.0;

        private protected override void ApplyTaskOptions(MlpTrainerOptions options)
        {
            options.LabelSmoothing = 0;
            options.RegressionLoss = Loss;
            options.HuberDelta = HuberDelta;
        }
    }

    private readonly RegularizedMlpTrainerCore _core;

    /// <summary>Validates and copies <paramref name="options"/>; later changes to the object do not affect this trainer.</summary>
    /// <exception cref="ArgumentException">An option is out of range or options conflict; the message names each and its fix.</exception>
    public RegularizedMlpRegressionTrainer(Options options) => _core = new RegularizedMlpTrainerCore(options, TaskKind.Regression);

    /// <summary>
    /// Trains on <paramref name="input"/>, holding out ValidationFraction of it for early stopping.
    /// </summary>
    /// <exception cref="ArgumentException">Bad input data: the message names the column, the value and the fix.</exception>
    public RegularizedMlpPredictionTransformer Fit(IDataView input) => _core.Fit(input, null);

    /// <summary>
    /// Trains on <paramref name="trainData"/> and monitors <paramref name="validationData"/> (transformed by the same
    /// fitted pipeline) for early stopping and best-weight restore; ValidationFraction is then ignored.
    /// </summary>
    /// <exception cref="ArgumentException">Bad input data, or validation data that does not match the training data.</exception>
    public RegularizedMlpPredictionTransformer Fit(IDataView trainData, IDataView validationData)
    {
        ArgumentNullException.ThrowIfNull(validationData);
        return _core.Fit(trainData, validationData);
    }

    /// <summary>The input columns plus Score, as a built-in ML.NET trainer adds them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A required column is missing or has the wrong type.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _core.GetOutputSchema(inputSchema);
}
