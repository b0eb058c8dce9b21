namespace Microsoft.ML.Dropout.Estimators.Data;

/// <summary>Counts the bad values of each kind and keeps the first of each, so the error names them after one full pass.</summary>
internal sealed class BadValues
{
    private long _features, _featureRow = -1, _labels, _labelRow = -1, _missingKeys, _missingKeyRow = -1, _weights, _weightRow = -1;
    private int _slot = -1;
    private float _feature;
    private double _label, _weight;

    internal void Feature(long row, int slot, float value)
    {
        if (_features++ == 0) { _featureRow = row; _slot = slot; _feature = value; }
    }

    internal void Label(long row, double value)
    {
        if (_labels++ == 0) { _labelRow = row; _label = value; }
    }

    internal void MissingKey(long row)
    {
        if (_missingKeys++ == 0) _missingKeyRow = row;
    }

    internal void Weight(long row, double value)
    {
        if (_weights++ == 0) { _weightRow = row; _weight = value; }
    }

    internal void ThrowIfAny(ColumnBinding binding)
    {
        if (_features > 0)
            throw new ArgumentException(InputErrors.NonFiniteFeatures(binding.FeatureColumn, _features, _featureRow, _slot, _feature));
        if (_labels > 0)
            throw new ArgumentException(InputErrors.NonFiniteLabels(binding.LabelColumn, _labels, _labelRow, _label));
        if (_missingKeys > 0)
            throw new ArgumentException(InputErrors.MissingKeyLabels(binding.LabelColumn, _missingKeys, _missingKeyRow));
        if (_weights > 0)
            throw new ArgumentException(InputErrors.BadWeights(binding.WeightColumn!, _weights, _weightRow, _weight));
    }
}
