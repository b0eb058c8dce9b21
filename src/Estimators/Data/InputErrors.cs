using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Data;

/// <summary>
/// The messages for bad input data (and the warning for ±∞ features the quantile preprocessing takes); each names the
/// column, the value found and the fix. Exception types follow
/// ML.NET's conventions (its TestEstimatorCore checks them): a schema problem (missing or mistyped column,
/// unknown-size vector) is an <see cref="ArgumentOutOfRangeException"/>, data without usable rows an
/// <see cref="InvalidOperationException"/>; the message is kept exactly.
/// </summary>
internal static class InputErrors
{
    /// <summary>A schema problem, as ML.NET reports it (ArgumentOutOfRangeException; the message is not suffixed with a parameter name).</summary>
    internal static ArgumentOutOfRangeException SchemaMismatch(string message) => new(null, message);

    /// <summary>Data without usable rows, as ML.NET reports it.</summary>
    internal static InvalidOperationException NoUsableRows(string message) => new(message);

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Columns(IEnumerable<string> names)
    {
        var list = names.Distinct().Select(n => $"'{n}'").ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    internal static IEnumerable<string> Names(DataViewSchema schema) => schema.Where(c => !c.IsHidden).Select(c => c.Name);

    internal static string FeatureColumnMissing(string column, string role, IEnumerable<string> columns) =>
        $"The {role} data has no feature column '{column}' (columns: {Columns(columns)}). Put the features into one vector column, " +
        $"e.g. mlContext.Transforms.Concatenate(\"{column}\", \"A\", \"B\", …) followed by mlContext.Transforms.NormalizeMinMax(\"{column}\"), " +
        "or set FeatureColumnName to your feature vector column.";

    internal static string FeatureColumnType(string column, object type) =>
        $"Feature column '{column}' has type {type}; RegularizedMlp needs a known-size vector of Single. Build it with " +
        $"mlContext.Transforms.Concatenate(\"{column}\", …) (convert other types first with mlContext.Transforms.Conversion.ConvertType(…, outputKind: DataKind.Single)), " +
        $"then scale it with mlContext.Transforms.NormalizeMinMax(\"{column}\").";

    internal static string LabelColumnMissing(string column, string role, IEnumerable<string> columns) =>
        $"The {role} data has no label column '{column}' (columns: {Columns(columns)}). Set LabelColumnName to the column that holds the label.";

    internal static string LabelColumnType(string column, object type, TaskKind task) => task switch
    {
        TaskKind.BinaryClassification =>
            $"Label column '{column}' has type {type}; binary classification needs a Boolean label. Convert it to true/false, " +
            $"e.g. mlContext.Transforms.Conversion.ConvertType(\"{column}\", outputKind: DataKind.Boolean) for 0/1 numbers, or load the column as bool.",
        TaskKind.MulticlassClassification =>
            $"Label column '{column}' has type {type}; multiclass classification needs a key-typed label. " +
            $"Add mlContext.Transforms.Conversion.MapValueToKey(\"{column}\") before the trainer (and MapKeyToValue(\"PredictedLabel\") after it).",
        _ =>
            $"Label column '{column}' has type {type}; regression needs a Single or Double label. " +
            $"Convert it with mlContext.Transforms.Conversion.ConvertType(\"{column}\", outputKind: DataKind.Single).",
    };

    internal static string WeightColumnMissing(string column, string role) =>
        $"The {role} data has no example weight column '{column}'. Set ExampleWeightColumnName to an existing Single column, or to null for equal weights.";

    internal static string WeightColumnType(string column, DataViewType type) =>
        $"Example weight column '{column}' has type {type}; expected Single or Double. Convert it with mlContext.Transforms.Conversion.ConvertType(\"{column}\", outputKind: DataKind.Single).";

    internal static string NoRows(string role) =>
        $"The {role} data has no rows. Check the loader and any filters (FilterRowsByColumn, FilterRowsByMissingValues) before the trainer.";

    internal static string NonFiniteFeatures(string column, FeatureValueTally refused, FeaturePreprocessing preprocessing) =>
        $"Feature column '{column}' contains {refused.Count} NaN or infinite value(s) this model's preprocessing cannot take; the first is {F(refused.FirstValue)} at row {refused.FirstRow}, slot {refused.FirstSlot}. " +
        (float.IsNaN(refused.FirstValue)
            ? "Without in-model preprocessing (Preprocessing = None) a missing value is an error: set Preprocessing = Quantile (the default; it imputes the training median), " +
              $"or replace missing values before the trainer, e.g. mlContext.Transforms.ReplaceMissingValues(\"{column}\"), or remove those rows."
            : $"Only Preprocessing = Quantile (the default) maps an infinite value (to the column's extreme quantile), and this model's is {preprocessing}: " +
              "set Preprocessing = Quantile, or clip or replace the values before the trainer (e.g. with mlContext.Transforms.CustomMapping), or remove those rows.");

    /// <summary>The warning for ±∞ feature values the quantile preprocessing took (not an error).</summary>
    internal static string InfiniteFeaturesTaken(string column, string role, FeatureValueTally infinite) =>
        $"Feature column '{column}' has {infinite.Count} infinite value(s) in the {role} data " +
        $"(the first at row {infinite.FirstRow}, slot {infinite.FirstSlot}: {(infinite.FirstValue > 0 ? "+∞" : "−∞")}). " +
        "The in-model quantile preprocessing fits its knots on the finite values and maps +∞ (−∞) to the column's top (bottom) quantile, " +
        "as LightGBM puts such a value in its last (first) bin. If they mean something else (a missing value, say), replace them before the trainer.";

    internal static string TooManyBytes(string role, long rows, int features, long bytes, long budget) =>
        $"The {role} data needs more than {bytes} bytes in memory ({rows}+ rows × {features} features, as Single), which exceeds MemoryBudgetBytes = {budget}. " +
        "Set Streaming = StreamingMode.Auto (the default) to train from passes over the data, raise MemoryBudgetBytes, or sample the data (mlContext.Data.ShuffleRows then TakeRows).";

    internal static string SourceFailed(string role, long row, string source, Exception error) =>
        $"Reading the {role} data failed at row {row}: the IDataView ({source}) threw {error.GetType().Name}: {error.Message} " +
        "Nothing was trained. Check the source (file, database connection, query) and Fit again.";

    internal static string NoTrainingRowsLeft(long rows, double validationFraction) =>
        $"All {rows} training rows fell into the validation part (ValidationFraction = {validationFraction.ToString(System.Globalization.CultureInfo.InvariantCulture)} picks rows by a hash of their content): " +
        "lower ValidationFraction or add rows.";

    internal static string FewerRowsThanClasses(string column, long rows, int classes) =>
        $"The training data has {rows} rows but label column '{column}' has {classes} classes: every class needs training examples. Add rows, or merge rare classes before MapValueToKey.";

    internal static string SingleBinaryClass(string column, bool value, long rows) =>
        $"Label column '{column}' is {(value ? "true" : "false")} in all {rows} training rows: binary classification needs both true and false examples.";

    internal static string ClassOnlyInValidation(string column, string className, int key) =>
        $"Label column '{column}' of the validation data contains class '{className}' (key {key}), which no training row has. " +
        $"Split with mlContext.Data.TrainTestSplit(data, samplingKeyColumnName: \"{column}\") so both sides see every class, or remove that class from the validation data.";

    internal static string ValidationMismatch(string what, string trainValue, string validValue) =>
        $"The validation data does not match the training data: {what} is {validValue} in the validation data but {trainValue} in the training data. " +
        "Transform both with the same fitted pipeline (e.g. fit the pipeline on the training data, then Transform the validation data).";
}
