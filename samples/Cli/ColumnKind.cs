namespace MLNetRegularization.Samples.Cli;

/// <summary>How the CLI uses a column of the input file.</summary>
internal enum ColumnKind
{
    /// <summary>Every sampled value parses as a number: loaded as Single, missing values replaced by the mean, normalized.</summary>
    Numeric,
    /// <summary>Text: loaded as String and one-hot encoded.</summary>
    Categorical,
    /// <summary>The label column.</summary>
    Label,
    /// <summary>Not used: no values, or an identifier-like text column with too many distinct values.</summary>
    Ignored,
}
