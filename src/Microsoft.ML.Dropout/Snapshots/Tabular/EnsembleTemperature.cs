namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// The temperature of an ensemble classifier divides every member's logits before the sigmoid/softmax, as the
/// issue defines it: the prediction is mean_i σ(z_i/T) (binary) or mean_i softmax(z_i/T) (multiclass), not a
/// tempered mean logit. In a snapshot, T stays in <see cref="MlpSnapshot.Temperature"/>; this class moves it into
/// the members' output heads (the <see cref="LinearEnsembleLayer"/> before the <see cref="EnsembleMeanLayer"/>,
/// weights and biases divided by T), which is exactly z_i/T.
/// </summary>
/// <remarks>
/// Every scoring path calls it: the managed evaluator (which then multiplies its raw outputs by T, so that dividing
/// them by T, as <c>SnapshotEvaluator.Probabilities</c> does, gives the tempered ensemble score), the
/// ONNX exporters (which then divide by 1) and the ML.NET scoring chain (before it folds its head into the last
/// layer). A plain network (no ensemble mean), a regression network or T = 1 is returned unchanged.
/// </remarks>
public static class EnsembleTemperature
{
    /// <summary>True when <paramref name="snapshot"/> is an ensemble classifier whose temperature is not 1.</summary>
    /// <param name="snapshot">Any snapshot.</param>
    public static bool DividesMembers(MlpSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Task != TaskKind.Regression && snapshot.Temperature != 1.0 && snapshot.Layers.OfType<EnsembleMeanLayer>().Any();
    }

    /// <summary>
    /// The same network with the temperature moved into the members' heads: heads' weights and biases divided by T,
    /// <see cref="MlpSnapshot.Temperature"/> = 1. Unchanged when <see cref="DividesMembers"/> is false (so calling it
    /// twice is harmless).
    /// </summary>
    /// <param name="snapshot">Any snapshot.</param>
    /// <exception cref="ArgumentException">An ensemble mean has no member-heads layer before it.</exception>
    public static MlpSnapshot IntoMembers(MlpSnapshot snapshot)
    {
        if (!DividesMembers(snapshot))
            return snapshot;
        var layers = snapshot.Layers.ToList();
        int mean = layers.FindIndex(l => l is EnsembleMeanLayer);
        int heads = layers.FindLastIndex(mean, l => l is LinearEnsembleLayer);
        if (heads < 0)
            throw new ArgumentException($"Layer '{layers[mean].Name}' averages ensemble members, but no member-heads layer (LinearEnsembleLayer) comes before it, so the temperature cannot divide the members' logits.", nameof(snapshot));
        var head = (LinearEnsembleLayer)layers[heads];
        float inverse = (float)(1.0 / snapshot.Temperature);
        layers[heads] = head with
        {
            Weight = Array.ConvertAll(head.Weight, w => w * inverse),
            Bias = Array.ConvertAll(head.Bias, b => b * inverse),
        };
        return snapshot with { Layers = layers, Temperature = 1.0 };
    }
}
