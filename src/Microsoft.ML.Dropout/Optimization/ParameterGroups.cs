using TorchSharp.Modules;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>
/// Splits a network's named parameters into the group that gets weight decay (weight matrices: two or more
/// dimensions, no "norm" in the name, not a bias, embedding frequency or embedding linear term) and the group that does not (biases, LayerNorm/BatchNorm scale and shift,
/// every 0-D/1-D parameter). Decaying biases pulls predictions towards zero and decaying norm parameters breaks
/// their calibration, so both are excluded unless <c>decayBiasAndNorm</c> is set.
/// </summary>
public sealed class ParameterGroups
{
    private ParameterGroups(IReadOnlyList<(string Name, Parameter Parameter)> decayed, IReadOnlyList<(string Name, Parameter Parameter)> notDecayed)
    {
        Decayed = decayed;
        NotDecayed = notDecayed;
        All = decayed.Select(p => p.Parameter).Concat(notDecayed.Select(p => p.Parameter)).ToArray();
    }

    /// <summary>Parameters that receive weight decay and the L1 penalty, in network order (the max-norm constraint selects its weights by module type instead).</summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> Decayed { get; }

    /// <summary>Parameters with weight decay 0 (empty when <c>decayBiasAndNorm</c> was set), in network order.</summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> NotDecayed { get; }

    /// <summary>Every parameter: <see cref="Decayed"/> then <see cref="NotDecayed"/>.</summary>
    public IReadOnlyList<Parameter> All { get; }

    /// <summary>
    /// True for a weight matrix: a parameter with at least two dimensions whose name does not contain "norm"
    /// (case-insensitive). Such a parameter is decayed by default.
    /// </summary>
    /// <param name="name">Dotted parameter name, e.g. "hidden0.linear.weight".</param>
    /// <param name="parameter">The parameter.</param>
    public static bool IsWeightMatrix(string name, Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.dim() >= 2 && !name.Contains("norm", StringComparison.OrdinalIgnoreCase) && !IsEmbeddingOrBias(name);
    }

    /// <summary>
    /// Matrix-shaped parameters that are not weights to shrink, as TabM's parameter groups have it: biases (an
    /// ensemble's per-member biases and an embedding's are 2-D), periodic-embedding frequencies and the linear
    /// term of piecewise-linear embeddings. The ensemble adapters (r, s) are decayed, as in TabM.
    /// </summary>
    private static bool IsEmbeddingOrBias(string name)
    {
        string last = name[(name.LastIndexOf('.') + 1)..];
        return last.EndsWith("bias", StringComparison.Ordinal) || last is "frequencies" or "linear_weight";
    }

    /// <summary>Splits <paramref name="namedParameters"/> (e.g. <c>module.named_parameters()</c>) into the two groups.</summary>
    /// <param name="namedParameters">Named trainable parameters.</param>
    /// <param name="decayBiasAndNorm">Put every parameter into <see cref="Decayed"/>. Default false (not recommended).</param>
    public static ParameterGroups Split(IEnumerable<(string name, Parameter parameter)> namedParameters, bool decayBiasAndNorm = false)
    {
        ArgumentNullException.ThrowIfNull(namedParameters);
        var decayed = new List<(string, Parameter)>();
        var notDecayed = new List<(string, Parameter)>();
        foreach (var (name, parameter) in namedParameters)
        {
            if (!parameter.requires_grad)
                continue;
            if (decayBiasAndNorm || IsWeightMatrix(name, parameter))
                decayed.Add((name, parameter));
            else
                notDecayed.Add((name, parameter));
        }
        return new ParameterGroups(decayed, notDecayed);
    }
}
