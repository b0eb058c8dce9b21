namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// Per-layer target rates that are higher in wide, early layers and lower near the output ("progressive" dropout).
/// For hidden layer i of L with width wᵢ: rateᵢ = maxRate·(dᵢ + wᵢ/w_max)/2, where the depth factor dᵢ falls
/// linearly from 1 at the first hidden layer to 0.5 at the last (dᵢ = 1 − 0.5·i/(L − 1); d = 1 when L = 1).
/// So the widest first layer gets maxRate and no layer gets less than maxRate/4. The output layer gets none.
/// Use the result as <c>MlpArchitecture.DropoutRates</c> (Networks).
/// </summary>
public static class ProgressiveDropoutRates
{
    /// <summary>One target rate per hidden layer, input side first.</summary>
    /// <param name="hiddenLayers">Hidden widths, input side first; at least one, each ≥ 1.</param>
    /// <param name="maxRate">Rate of the widest first layer; range [0, 1).</param>
    public static IReadOnlyList<double> For(IReadOnlyList<int> hiddenLayers, double maxRate)
    {
        ArgumentNullException.ThrowIfNull(hiddenLayers);
        OptionGuard.Rate(maxRate, nameof(maxRate));
        if (hiddenLayers.Count == 0)
            throw new ArgumentOutOfRangeException(nameof(hiddenLayers), OptionGuard.Message(nameof(hiddenLayers), "at least one hidden layer", "[]"));
        for (int i = 0; i < hiddenLayers.Count; i++)
            if (hiddenLayers[i] < 1)
                throw new ArgumentOutOfRangeException(nameof(hiddenLayers),
                    OptionGuard.Message(nameof(hiddenLayers), "every width ≥ 1", $"[{string.Join(", ", hiddenLayers)}] (layer {i} has width {hiddenLayers[i]})"));
        int count = hiddenLayers.Count;
        double widest = hiddenLayers.Max();
        var rates = new double[count];
        for (int i = 0; i < count; i++)
        {
            double depth = count == 1 ? 1.0 : 1.0 - 0.5 * i / (count - 1);
            rates[i] = maxRate * (depth + hiddenLayers[i] / widest) / 2;
        }
        return rates;
    }
}
