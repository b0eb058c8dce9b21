using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Metrics;

namespace Microsoft.ML;

/// <summary>
/// Calibration metrics (ECE, adaptive ECE, MCE, Brier, log-loss and reliability bins) for any scored IDataView,
/// so the calibration of LightGBM, SDCA and RegularizedMlp can be compared in one report.
/// </summary>
public static class CalibrationCatalog
{
    /// <summary>
    /// Calibration of a binary classifier's probabilities. Rows with a missing (NaN) probability are an error.
    /// </summary>
    /// <param name="catalog">The binary classification catalog.</param>
    /// <param name="data">Scored data, e.g. <c>model.Transform(test)</c>.</param>
    /// <param name="labelColumnName">Boolean label column. Default "Label".</param>
    /// <param name="probabilityColumnName">Single column with P(label = true). Default "Probability".</param>
    /// <param name="numberOfBins">Equal-width confidence bins for ECE/MCE and the reliability diagram. Default 15; ≥ 2.</param>
    /// <returns>ECE and MCE on the top-label confidence max(p, 1−p); <see cref="CalibrationMetrics.PositiveClassEce"/> and its bins on P(true).</returns>
    public static CalibrationMetrics EvaluateCalibration(this BinaryClassificationCatalog catalog, IDataView data,
        string labelColumnName = "Label", string probabilityColumnName = "Probability", int numberOfBins = Calibration.DefaultBinCount)
    {
        CheckArguments(catalog, data, numberOfBins);
        var label = Column(data.Schema, labelColumnName, "label", "a Boolean label column (use MapValue or a Boolean field in your input class)");
        var probability = Column(data.Schema, probabilityColumnName, "probability", "the Single probability column a calibrated binary trainer adds ('Probability')");
        if (label.Type is not BooleanDataViewType)
            throw new ArgumentOutOfRangeException(nameof(labelColumnName), $"Column '{labelColumnName}' has type {label.Type}; EvaluateCalibration expects a Boolean label. Convert it, e.g. with mlContext.Transforms.CustomMapping or a bool field in the input class.");
        if (probability.Type != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(probabilityColumnName), $"Column '{probabilityColumnName}' has type {probability.Type}; EvaluateCalibration expects Single probabilities in [0, 1]. For a non-calibrated trainer (only 'Score'), append a calibrator (e.g. Platt) first.");

        var probabilities = new List<float>();
        var labels = new List<bool>();
        ForEachRow(data, label, probability, (bool y, float p, long row) =>
        {
            if (float.IsNaN(p) || p < 0 || p > 1)
                throw new InvalidOperationException($"Column '{probabilityColumnName}' has value {p} at row {row}; probabilities must be in [0, 1].");
            labels.Add(y);
            probabilities.Add(p);
        });
        if (labels.Count == 0)
            throw new InvalidOperationException("The scored data has no rows.");
        return Calibration.Binary(probabilities.ToArray(), labels.ToArray(), numberOfBins);
    }

    /// <summary>Calibration of a multiclass classifier's class probabilities.</summary>
    /// <param name="catalog">The multiclass classification catalog.</param>
    /// <param name="data">Scored data, e.g. <c>model.Transform(test)</c>.</param>
    /// <param name="labelColumnName">Key-typed label column (values 1..K; the key type's count is K). Default "Label".</param>
    /// <param name="scoreColumnName">Known-size vector of K class probabilities, slot i = key value i+1 (what ML.NET multiclass trainers produce). Default "Score".</param>
    /// <param name="numberOfBins">Equal-width confidence bins. Default 15; ≥ 2.</param>
    /// <returns>Top-label ECE/MCE, classwise ECE, multiclass Brier, NLL and the top-label reliability bins. Rows with a missing label are skipped.</returns>
    public static CalibrationMetrics EvaluateCalibration(this MulticlassClassificationCatalog catalog, IDataView data,
        string labelColumnName = "Label", string scoreColumnName = "Score", int numberOfBins = Calibration.DefaultBinCount)
    {
        CheckArguments(catalog, data, numberOfBins);
        var label = Column(data.Schema, labelColumnName, "label", "a key-typed label column (mlContext.Transforms.Conversion.MapValueToKey)");
        var score = Column(data.Schema, scoreColumnName, "score", "the probability vector a multiclass trainer adds ('Score')");
        if (label.Type is not KeyDataViewType key)
            throw new ArgumentOutOfRangeException(nameof(labelColumnName), $"Column '{labelColumnName}' has type {label.Type}; EvaluateCalibration expects a key-typed label. Add mlContext.Transforms.Conversion.MapValueToKey(\"{labelColumnName}\") before training.");
        if (score.Type is not VectorDataViewType { ItemType: NumberDataViewType, Size: > 1 } vector || vector.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(scoreColumnName), $"Column '{scoreColumnName}' has type {score.Type}; EvaluateCalibration expects a known-size vector of Single class probabilities.");
        int classes = vector.Size;
        if ((ulong)classes != key.Count)
            throw new ArgumentOutOfRangeException(nameof(scoreColumnName), $"Column '{scoreColumnName}' has {classes} slots but label '{labelColumnName}' has {key.Count} classes: score the data with the model trained on this label.");

        var probabilities = new List<float>();
        var labels = new List<int>();
        ForEachRow(data, label, score, (uint y, VBuffer<float> s, long row) =>
        {
            if (y == 0) return; // missing label
            var dense = s.DenseValues().ToArray();
            double sum = 0;
            foreach (float v in dense)
            {
                if (float.IsNaN(v) || v < 0 || v > 1)
                    throw new InvalidOperationException($"Column '{scoreColumnName}' has value {v} at row {row}; class probabilities must be in [0, 1].");
                sum += v;
            }
            if (Math.Abs(sum - 1) > 1e-3)
                throw new InvalidOperationException($"Column '{scoreColumnName}' sums to {sum:0.####} at row {row}; EvaluateCalibration expects probabilities that sum to 1 (apply a softmax to raw scores first).");
            probabilities.AddRange(dense);
            labels.Add((int)y - 1);
        });
        if (labels.Count == 0)
            throw new InvalidOperationException("The scored data has no rows with a label.");
        return Calibration.Multiclass(probabilities.ToArray(), labels.Count, classes, labels.ToArray(), numberOfBins);
    }

    private static void CheckArguments(object catalog, IDataView data, int numberOfBins)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        if (numberOfBins < 2)
            throw new ArgumentOutOfRangeException(nameof(numberOfBins), numberOfBins, $"Invalid value for option 'numberOfBins': expected an integer ≥ 2. Received: {numberOfBins}.");
    }

    /// <summary>Reads <paramref name="label"/> and <paramref name="score"/> of every row, with the row's index from 0, in one cursor.</summary>
    private static void ForEachRow<TLabel, TScore>(IDataView data, DataViewSchema.Column label, DataViewSchema.Column score, Action<TLabel, TScore, long> read)
    {
        using var cursor = data.GetRowCursor(new[] { label, score });
        var getLabel = cursor.GetGetter<TLabel>(label);
        var getScore = cursor.GetGetter<TScore>(score);
        TLabel y = default!;
        TScore s = default!;
        for (long row = 0; cursor.MoveNext(); row++)
        {
            getLabel(ref y);
            getScore(ref s);
            read(y, s, row);
        }
    }

    private static DataViewSchema.Column Column(DataViewSchema schema, string name, string role, string expectation)
    {
        var column = schema.GetColumnOrNull(name);
        if (column is null)
            throw new ArgumentOutOfRangeException(name, $"The scored data has no {role} column '{name}'; expected {expectation}. Columns present: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.");
        return column.Value;
    }
}
