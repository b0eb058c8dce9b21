namespace Microsoft.ML.Dropout.Estimators.Data;

/// <summary>
/// Counts the non-finite feature values the <see cref="FeatureValueRule"/> refuses and keeps the first, so the error
/// names them after one full pass.
/// </summary>
internal sealed class BadValues
{
    private long _features, _featureRow = -1;
    private int _slot = -1;
    private float _feature;

    internal void Feature(long row, int slot, float value)
    {
        if (_features++ == 0) { _featureRow = row; _slot = slot; _feature = value; }
    }

    internal void ThrowIfAny(ColumnBinding binding, FeatureValueRule rule)
    {
        if (_features > 0)
            throw new ArgumentException(InputErrors.NonFiniteFeatures(binding.FeatureColumn, _features, _featureRow, _slot, _feature, rule));
    }
}
