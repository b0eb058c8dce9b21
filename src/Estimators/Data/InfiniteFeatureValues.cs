using System.Globalization;

namespace Microsoft.ML.Dropout.Estimators.Data;

/// <summary>
/// The ±∞ feature values a read accepted (the quantile preprocessing maps them to the column's extreme quantile):
/// counts them and keeps the first, so the model's warnings say that they were there and what became of them.
/// </summary>
internal sealed class InfiniteFeatureValues
{
    private long _count, _row = -1;
    private int _slot = -1;
    private float _value;

    internal void Value(long row, int slot, float value)
    {
        if (_count++ == 0) { _row = row; _slot = slot; _value = value; }
    }

    /// <summary>What was accepted and what it became, or null when no value was infinite.</summary>
    internal string? Notice(ColumnBinding binding, string role) => _count == 0 ? null :
        $"Feature column '{binding.FeatureColumn}' has {_count.ToString(CultureInfo.InvariantCulture)} infinite value(s) in the {role} data " +
        $"(the first at row {_row.ToString(CultureInfo.InvariantCulture)}, slot {_slot.ToString(CultureInfo.InvariantCulture)}: {(_value > 0 ? "+∞" : "−∞")}). " +
        "The in-model quantile preprocessing fits its knots on the finite values and maps +∞ (−∞) to the column's top (bottom) quantile, " +
        "as LightGBM puts such a value in its last (first) bin. If they mean something else (a missing value, say), replace them before the trainer.";
}
