namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// How many columns the numeric embedding embeds when <c>MaxEmbeddedColumns</c> is null: every embeddable column up
/// to <see cref="Defaults.EmbeddedColumnsAtAnyRowCount"/> (128) whatever the rows; more — up to
/// <see cref="Defaults.MaxEmbeddedColumnsForWideData"/> (1,024) — while columns × training rows stays within
/// <see cref="Defaults.EmbeddedCellBudget"/> (2²¹).
/// </summary>
public static class EmbeddedColumnsRule
{
    /// <summary>clamp(2²¹ / rows, 128, 1,024): 1,024 up to 2,048 training rows, 256 at 8,192, 128 from 16,384 rows on.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainingRows"/> is below 1.</exception>
    public static int MaxColumns(int trainingRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trainingRows, 1);
        return (int)Math.Clamp(Defaults.EmbeddedCellBudget / trainingRows, Defaults.EmbeddedColumnsAtAnyRowCount, Defaults.MaxEmbeddedColumnsForWideData);
    }
}
