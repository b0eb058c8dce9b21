namespace Microsoft.ML.Dropout.Estimators;

/// <summary>Checks of the ML.NET-only options (<see cref="IRegularizedMlpDataOptions"/>) the engine cannot make: column names, the memory budget and the streaming mode.</summary>
internal static class DataOptionChecks
{
    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem, each naming the option, the value and what is expected.</summary>
    internal static void Validate(IRegularizedMlpDataOptions options)
    {
        var errors = new List<string>();
        string label = options.LabelColumnName, features = options.FeatureColumnName;
        if (string.IsNullOrWhiteSpace(label))
            errors.Add($"Invalid value for option '{nameof(options.LabelColumnName)}': expected the name of the label column. Received: '{label}'.");
        if (string.IsNullOrWhiteSpace(features))
            errors.Add($"Invalid value for option '{nameof(options.FeatureColumnName)}': expected the name of a known-size vector column of Single. Received: '{features}'.");
        if (options.ExampleWeightColumnName is { } weight && weight.Trim().Length == 0)
            errors.Add($"Invalid value for option '{nameof(options.ExampleWeightColumnName)}': expected null (no weights) or a column name. Received: '{weight}'.");
        if (!string.IsNullOrWhiteSpace(label) && label == features)
            errors.Add($"'{nameof(options.LabelColumnName)}' and '{nameof(options.FeatureColumnName)}' are both '{label}': the label must be a separate column.");
        if (options.MemoryBudgetBytes < 1 << 20)
            errors.Add($"Invalid value for option '{nameof(options.MemoryBudgetBytes)}': expected at least 1048576 (1 MiB). Received: {options.MemoryBudgetBytes}.");
        if (!Enum.IsDefined(options.Streaming))
            errors.Add($"Invalid value for option '{nameof(options.Streaming)}': expected Auto, Never or Always. Received: {options.Streaming}.");
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, errors));
    }
}
