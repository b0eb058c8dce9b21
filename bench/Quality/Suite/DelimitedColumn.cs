namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>One feature column of a delimited file: its 0-based index, name and whether it is text (one-hot encoded).</summary>
internal sealed record DelimitedColumn(string Name, int Index, bool IsText);
