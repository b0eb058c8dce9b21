using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Estimators.Data;
using Microsoft.ML.Dropout.Estimators.Scoring;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Metrics;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// The fitted RegularizedMlp model in an ML.NET pipeline. It adds the same columns as ML.NET's built-in trainers:
/// binary: <c>Score</c> (Single, the logit), <c>Probability</c> (Single), <c>PredictedLabel</c> (Boolean);
/// multiclass: <c>Score</c> (vector of class probabilities, slot names = class names), <c>PredictedLabel</c>
/// (key with the label's key values); regression: <c>Score</c> (Single).
/// </summary>
/// <remarks>
/// <para>
/// What is saved is an inner <see cref="TransformerChain{TLastTransformer}"/> (<see cref="ScoringChain"/>) made of
/// ML.NET's own transformers only: <c>ApplyOnnxModel</c> (the exported network), a tiny ML.NET linear head that
/// turns the network output into scalar columns with ML.NET's annotations, and <c>DropColumns</c>.
/// <c>mlContext.Model.Save</c> writes that chain, so <c>mlContext.Model.Load</c> returns a plain ML.NET
/// <c>TransformerChain</c> that loads and scores in a process that has Microsoft.ML, Microsoft.ML.OnnxTransformer
/// and ONNX Runtime but not this library; OnnxTransformer then calls ONNX Runtime once per row.
/// </para>
/// <para>
/// This transformer itself scores faster, over the same ONNX graph and the same head: <see cref="Transform"/>
/// returns a data view whose cursor scores blocks of 2,048 rows in one ONNX Runtime call (the schema, annotations
/// included, is the chain's), and <see cref="GetRowToRowMapper"/> (PredictionEngine) evaluates the same network
/// for one row in managed code into buffers it owns (no ONNX Runtime call per row, no allocation) before the same
/// head. The values equal the saved chain's to float rounding (≤ 1e-5). <see cref="Transform"/> may be called
/// from many threads at once; a PredictionEngine is not thread-safe (as in ML.NET): use one per thread, or
/// <c>PredictionEnginePool</c>.
/// </para>
/// </remarks>
public sealed class RegularizedMlpPredictionTransformer : ISingleFeaturePredictionTransformer<RegularizedMlpModelParameters>
{
    private readonly TransformerChain<ITransformer> _chain;
    private readonly BlockScorer _scorer;

    internal RegularizedMlpPredictionTransformer(RegularizedMlpModelParameters model, ScoringChain chain,
        string featureColumnName, DataViewType featureColumnType)
    {
        Model = model;
        _chain = chain.Chain;
        _scorer = chain.Scorer;
        FeatureColumnName = featureColumnName;
        FeatureColumnType = featureColumnType;
    }

    /// <summary>The trained network, its training history and the batched scoring path.</summary>
    public RegularizedMlpModelParameters Model { get; }

    /// <summary>Name of the feature column the model reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Type of the feature column: a vector of <see cref="RegularizedMlpModelParameters.InputSize"/> Single values.</summary>
    public DataViewType FeatureColumnType { get; }

    /// <summary>The ML.NET-only chain that <c>mlContext.Model.Save</c> writes and a loaded model runs.</summary>
    public TransformerChain<ITransformer> ScoringChain => _chain;

    /// <summary>Always true.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input schema plus the prediction columns.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _chain.GetOutputSchema(inputSchema);

    /// <summary>A row-to-row mapper that scores one row per call in managed code into buffers it owns (used by PredictionEngine).</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new SingleRowScoringMapper(_scorer, Map(inputSchema));

    /// <summary>Adds the prediction columns (lazily, like every ML.NET transformer), scoring blocks of rows per ONNX Runtime call.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new BlockScoredDataView(input, _scorer, Map(input.Schema));
    }

    private OutputColumnMap Map(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new OutputColumnMap(inputSchema, _chain.GetOutputSchema(inputSchema), _scorer.Head.GetOutputSchema(_scorer.HeadInputSchema), _scorer.OutputName);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_chain).Save(ctx);

    /// <summary>
    /// Temperature scaling (Guo et al. 2017) for an already-trained classifier: fits one temperature T on
    /// <paramref name="calibrationData"/> by minimizing its negative log-likelihood and returns a new transformer
    /// whose probabilities are softmax(z/T) (binary: sigmoid(z/T)). Accuracy and ranking are unchanged; the new
    /// transformer's saved chain scores calibrated probabilities. Use rows the model was not trained on (e.g. a
    /// validation split); any temperature already in the model is replaced. This transformer is left unchanged.
    /// When the model separates every calibration row with a margin, the likelihood has no optimum (T → 0): the new
    /// transformer then keeps T = 1 and says so in its model's <c>Warnings</c> (<see cref="Dropout.Metrics.TemperatureScalingResult.Separated"/>).
    /// </summary>
    /// <param name="calibrationData">Held-out rows with the feature column and a label of the training label's type.</param>
    /// <param name="labelColumnName">Label column of <paramref name="calibrationData"/>. Default "Label".</param>
    /// <param name="seed">Seed of the tiny scoring head that is refitted with the new chain. Default 0.</param>
    /// <exception cref="InvalidOperationException">The model is a regression model.</exception>
    public RegularizedMlpPredictionTransformer CalibrateTemperature(IDataView calibrationData, string labelColumnName = "Label", int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(calibrationData);
        if (Model.Task == TaskKind.Regression)
            throw new InvalidOperationException("Temperature scaling calibrates class probabilities; this is a regression model. For regression uncertainty use mlContext.Transforms.McDropoutUncertainty.");
        var binding = ColumnBinding.Create(calibrationData.Schema, Model.Task, FeatureColumnName, labelColumnName, null, "calibration");
        if (binding.FeatureCount != Model.InputSize)
            throw InputErrors.SchemaMismatch(InputErrors.ValidationMismatch($"the size of feature column '{FeatureColumnName}'", Model.InputSize.ToString(), binding.FeatureCount.ToString()));
        var preprocessing = Model.Snapshot.Layers.FirstOrDefault() is Dropout.Snapshots.Tabular.PreprocessingLayer layer ? layer.Kind : FeaturePreprocessing.None;
        var data = TrainingDataReader.Read(calibrationData, binding, long.MaxValue, "calibration", out var notices, preprocessing);
        var fit = TemperatureScaling.FitWithReport(Model.Snapshot, data);
        var warnings = Model.Warnings.ToList();
        warnings.AddRange(notices.Select(notice => $"{nameof(CalibrateTemperature)}: {notice}"));
        if (fit.NotAppliedReason is { } why)
            warnings.Add($"{nameof(CalibrateTemperature)}: {why} Pass more held-out rows (or rows the model finds harder).");

        var snapshot = Model.Snapshot with { Temperature = fit.Separated ? 1.0 : fit.Temperature };
        var chain = ScoringChainFactory.Build(snapshot, FeatureColumnName, calibrationData, calibrationData.Schema[labelColumnName], seed);
        var result = new TrainingResult(snapshot, Model.History, Model.BestEpoch, Model.StopReason) { Seconds = Model.TrainingSeconds, TemperatureScaling = fit, Warnings = warnings };
        return new RegularizedMlpPredictionTransformer(new RegularizedMlpModelParameters(result, Model.ClassNames), chain, FeatureColumnName, FeatureColumnType);
    }
}
