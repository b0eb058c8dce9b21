namespace MLNetRegularization.Samples.Cli;

/// <summary>One column of the input file as the CLI will load it.</summary>
/// <param name="Index">0-based field index in each line.</param>
/// <param name="Header">Name in the file's header (or col{Index} without a header).</param>
/// <param name="ColumnName">Name of the loaded ML.NET column ("Label" for the label; reserved names get a suffix).</param>
/// <param name="PropertyName">C# property name for the generated ModelInput class.</param>
/// <param name="Kind">How the column is used.</param>
/// <param name="LoadAsNumber">True when loaded as Single (numeric features, regression labels); otherwise String.</param>
/// <param name="Example">A value from the first data row (for the generated example).</param>
/// <param name="Note">Why a column is ignored, or other remarks; empty when none.</param>
internal sealed record InferredColumn(int Index, string Header, string ColumnName, string PropertyName, ColumnKind Kind, bool LoadAsNumber, string Example, string Note);
