using System.Collections.Immutable;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Metrics;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// One-call conversions from ML.NET results (scored <see cref="IDataView"/>s, permutation feature importance) to the
/// plain arrays that <c>Microsoft.ML.Dropout.Reports</c> draws from, so the reports assembly needs no ML.NET reference.
/// </summary>
public static class ReportData
{
    /// <summary>Labels and probabilities of a scored binary-classification view (e.g. <c>model.Transform(test)</c>).</summary>
    /// <param name="scored">Scored rows with a Boolean label and a Single probability column.</param>
    /// <param name="labelColumnName">The Boolean label column. Default "Label".</param>
    /// <param name="probabilityColumnName">The probability column. Default "Probability".</param>
    /// <param name="positiveClass">What a true label means, e.g. "churned = yes" (shown on the charts). Default "true".</param>
    /// <param name="negativeClass">What a false label means. Default "false".</param>
    /// <exception cref="ArgumentException">A column is missing or has the wrong type.</exception>
    public static BinaryPredictions Binary(IDataView scored, string labelColumnName = "Label", string probabilityColumnName = "Probability",
        string positiveClass = "true", string negativeClass = "false")
    {
        ArgumentNullException.ThrowIfNull(scored);
        Require(scored, labelColumnName, BooleanDataViewType.Instance, nameof(labelColumnName));
        Require(scored, probabilityColumnName, NumberDataViewType.Single, nameof(probabilityColumnName));
        bool[] labels = scored.GetColumn<bool>(labelColumnName).ToArray();
        double[] probabilities = scored.GetColumn<float>(probabilityColumnName).Select(p => (double)p).ToArray();
        return new BinaryPredictions(labels, probabilities, positiveClass, negativeClass);
    }

    /// <summary>
    /// Actual and predicted classes of a scored multiclass view, with the class names from the label's key values
    /// (the values <c>MapValueToKey</c> mapped), or "class 0", "class 1", … when it has none.
    /// </summary>
    /// <param name="scored">Scored rows whose label and predicted label are key columns of the same size.</param>
    /// <param name="labelColumnName">The key-typed label column. Default "Label".</param>
    /// <param name="predictedLabelColumnName">The key-typed predicted label column. Default "PredictedLabel".</param>
    /// <exception cref="ArgumentException">A column is missing or not a key type, or a label value is missing.</exception>
    public static ClassPredictions Multiclass(IDataView scored, string labelColumnName = "Label", string predictedLabelColumnName = "PredictedLabel")
    {
        ArgumentNullException.ThrowIfNull(scored);
        var label = RequireKey(scored, labelColumnName, nameof(labelColumnName));
        RequireKey(scored, predictedLabelColumnName, nameof(predictedLabelColumnName));
        int classes = (int)((KeyDataViewType)label.Type).Count;
        var names = new VBuffer<ReadOnlyMemory<char>>();
        string[] classNames = label.Annotations.Schema.GetColumnOrNull("KeyValues") is { Type: VectorDataViewType { ItemType: TextDataViewType } }
            ? GetKeyValues(label, ref names)
            : Enumerable.Range(0, classes).Select(c => $"class {c}").ToArray();
        uint[] actual = scored.GetColumn<uint>(labelColumnName).ToArray();
        uint[] predicted = scored.GetColumn<uint>(predictedLabelColumnName).ToArray();
        int missing = Array.IndexOf(actual, 0u);
        if (missing >= 0)
            throw new ArgumentException($"Column '{labelColumnName}' has a missing label (key 0) at row {missing}: filter such rows before reporting.", nameof(scored));
        return new ClassPredictions(actual.Select(k => (int)k - 1).ToArray(), predicted.Select(k => k == 0 ? 0 : (int)k - 1).ToArray(), classNames);
    }

    /// <summary>Actual and predicted values of a scored regression view.</summary>
    /// <param name="scored">Scored rows with Single label and score columns.</param>
    /// <param name="labelColumnName">The label column. Default "Label".</param>
    /// <param name="scoreColumnName">The prediction column. Default "Score".</param>
    /// <param name="targetName">What the target is called (axis labels). Default: the label column's name.</param>
    /// <exception cref="ArgumentException">A column is missing or has the wrong type.</exception>
    public static RegressionPredictions Regression(IDataView scored, string labelColumnName = "Label", string scoreColumnName = "Score", string? targetName = null)
    {
        ArgumentNullException.ThrowIfNull(scored);
        Require(scored, labelColumnName, NumberDataViewType.Single, nameof(labelColumnName));
        Require(scored, scoreColumnName, NumberDataViewType.Single, nameof(scoreColumnName));
        double[] actual = scored.GetColumn<float>(labelColumnName).Select(v => (double)v).ToArray();
        double[] predicted = scored.GetColumn<float>(scoreColumnName).Select(v => (double)v).ToArray();
        return new RegressionPredictions(actual, predicted, targetName ?? labelColumnName);
    }

    /// <summary>Decrease in AUC per feature from <c>mlContext.BinaryClassification.PermutationFeatureImportance(model, data)</c>.</summary>
    /// <param name="importance">ML.NET's result, keyed by feature name.</param>
    public static FeatureImportance Importance(IReadOnlyDictionary<string, BinaryClassificationMetricsStatistics> importance)
    {
        ArgumentNullException.ThrowIfNull(importance);
        return FromChanges(importance.Keys.ToArray(), importance.Values.Select(m => m.AreaUnderRocCurve).ToArray(), "AUC");
    }

    /// <summary>Decrease in AUC per feature from the generic PFI overload (one entry per feature slot).</summary>
    /// <param name="importance">ML.NET's result, one entry per slot of the feature vector.</param>
    /// <param name="featureNames">The slot names, in the same order (e.g. from the feature column's slot names).</param>
    public static FeatureImportance Importance(ImmutableArray<BinaryClassificationMetricsStatistics> importance, IReadOnlyList<string> featureNames)
        => FromChanges(featureNames, importance.Select(m => m.AreaUnderRocCurve).ToArray(), "AUC");

    /// <summary>Decrease in macro accuracy per feature from <c>mlContext.MulticlassClassification.PermutationFeatureImportance(model, data)</c>.</summary>
    /// <param name="importance">ML.NET's result, keyed by feature name.</param>
    public static FeatureImportance Importance(IReadOnlyDictionary<string, MulticlassClassificationMetricsStatistics> importance)
    {
        ArgumentNullException.ThrowIfNull(importance);
        return FromChanges(importance.Keys.ToArray(), importance.Values.Select(m => m.MacroAccuracy).ToArray(), "macro accuracy");
    }

    /// <summary>Decrease in macro accuracy per feature from the generic PFI overload (one entry per feature slot).</summary>
    /// <param name="importance">ML.NET's result, one entry per slot of the feature vector.</param>
    /// <param name="featureNames">The slot names, in the same order.</param>
    public static FeatureImportance Importance(ImmutableArray<MulticlassClassificationMetricsStatistics> importance, IReadOnlyList<string> featureNames)
        => FromChanges(featureNames, importance.Select(m => m.MacroAccuracy).ToArray(), "macro accuracy");

    /// <summary>Decrease in R² per feature from the generic PFI overload (one entry per feature slot).</summary>
    /// <param name="importance">ML.NET's result, one entry per slot of the feature vector.</param>
    /// <param name="featureNames">The slot names, in the same order.</param>
    public static FeatureImportance Importance(ImmutableArray<RegressionMetricsStatistics> importance, IReadOnlyList<string> featureNames)
        => FromChanges(featureNames, importance.Select(m => m.RSquared).ToArray(), "R²");

    /// <summary>Decrease in R² per feature from <c>mlContext.Regression.PermutationFeatureImportance(model, data)</c>.</summary>
    /// <param name="importance">ML.NET's result, keyed by feature name.</param>
    public static FeatureImportance Importance(IReadOnlyDictionary<string, RegressionMetricsStatistics> importance)
    {
        ArgumentNullException.ThrowIfNull(importance);
        return FromChanges(importance.Keys.ToArray(), importance.Values.Select(m => m.RSquared).ToArray(), "R²");
    }

    /// <summary>ML.NET reports the change (permuted − original); a drop in a higher-is-better metric is the importance.</summary>
    private static FeatureImportance FromChanges(IReadOnlyList<string> names, IReadOnlyList<MetricStatistics> changes, string metric)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count != changes.Count)
            throw new ArgumentException($"Expected one feature name per importance entry. Received {names.Count} names for {changes.Count} entries.", nameof(names));
        return new FeatureImportance(names, changes.Select(c => -c.Mean).ToArray(), changes.Select(c => double.IsFinite(c.StandardDeviation) ? c.StandardDeviation : 0).ToArray(), metric);
    }

    private static void Require(IDataView data, string column, DataViewType type, string parameter)
    {
        var found = data.Schema.GetColumnOrNull(column)
            ?? throw new ArgumentException($"Column '{column}' not found. Columns: {string.Join(", ", data.Schema.Select(c => $"'{c.Name}'"))}.", parameter);
        if (!found.Type.Equals(type))
            throw new ArgumentException($"Column '{column}' must be {type}; found {found.Type}.", parameter);
    }

    private static DataViewSchema.Column RequireKey(IDataView data, string column, string parameter)
    {
        var found = data.Schema.GetColumnOrNull(column)
            ?? throw new ArgumentException($"Column '{column}' not found. Columns: {string.Join(", ", data.Schema.Select(c => $"'{c.Name}'"))}.", parameter);
        if (found.Type is not KeyDataViewType { RawType: var raw } || raw != typeof(uint))
            throw new ArgumentException($"Column '{column}' must be a key type (map class values with MapValueToKey); found {found.Type}.", parameter);
        return found;
    }

    private static string[] GetKeyValues(DataViewSchema.Column label, ref VBuffer<ReadOnlyMemory<char>> names)
    {
        label.GetKeyValues(ref names);
        return names.DenseValues().Select(v => v.ToString()).ToArray();
    }
}
