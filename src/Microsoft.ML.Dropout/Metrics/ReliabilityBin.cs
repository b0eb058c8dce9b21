namespace Microsoft.ML.Dropout.Metrics;

/// <summary>
/// One bin of a reliability diagram: the rows whose predicted probability falls in [<see cref="Lower"/>,
/// <see cref="Upper"/>) (the last bin also holds 1), their mean predicted probability and the observed frequency
/// of the event. A perfectly calibrated predictor has <see cref="MeanPredicted"/> = <see cref="ObservedFrequency"/>.
/// </summary>
/// <param name="Lower">Lower edge of the bin (inclusive).</param>
/// <param name="Upper">Upper edge of the bin (exclusive, except 1 for the last bin).</param>
/// <param name="Count">Number of rows in the bin.</param>
/// <param name="Weight">Total example weight in the bin (= <paramref name="Count"/> without weights).</param>
/// <param name="MeanPredicted">Weighted mean predicted probability in the bin; NaN for an empty bin.</param>
/// <param name="ObservedFrequency">Weighted frequency of the event (positive label, or a correct prediction for top-label bins); NaN for an empty bin.</param>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double Weight, double MeanPredicted, double ObservedFrequency)
{
    /// <summary>|ObservedFrequency − MeanPredicted|: the bin's calibration gap; NaN for an empty bin.</summary>
    public double Gap => Math.Abs(ObservedFrequency - MeanPredicted);
}
