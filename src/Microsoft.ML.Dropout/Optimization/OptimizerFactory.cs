using TorchSharp;
using TorchSharp.Modules;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>Builds the optimizer over <see cref="ParameterGroups"/>: weight decay λ on the decayed group, 0 on the rest.</summary>
public static class OptimizerFactory
{
    /// <summary>
    /// Creates AdamW (decoupled decay: w ← w·(1 − η·λ) before the adaptive step) or Adam with coupled L2
    /// (λ·w added to the gradient, then divided by √v̂ like any gradient). Betas (0.9, β₂), ε = 1e-8. TorchSharp's
    /// update, with its scalars kept alive for the native calls (<see cref="AdamMoments"/>).
    /// </summary>
    /// <param name="groups">The parameter split.</param>
    /// <param name="kind">Optimizer. Default in the trainer: <see cref="OptimizerKind.AdamW"/>.</param>
    /// <param name="learningRate">Learning rate η &gt; 0 for both groups.</param>
    /// <param name="weightDecay">λ ≥ 0 for <see cref="ParameterGroups.Decayed"/>; <see cref="ParameterGroups.NotDecayed"/> always gets 0.</param>
    /// <param name="beta2">Adam's β₂ in (0, 1): decay of the squared-gradient average. Default 0.999 (RealMLP-TD: 0.95).</param>
    public static torch.optim.Optimizer Create(ParameterGroups groups, OptimizerKind kind, double learningRate, double weightDecay, double beta2 = Defaults.AdamBeta2) =>
        Create(groups, kind, learningRate, weightDecay, beta2, contiguous: null);

    /// <summary>
    /// As <see cref="Create(ParameterGroups, OptimizerKind, double, double, double)"/>; with <paramref name="contiguous"/>
    /// (the same groups laid out contiguously) each group is updated as one slice of the buffers: the same update,
    /// one operation per stage for the group instead of per parameter.
    /// </summary>
    internal static torch.optim.Optimizer Create(ParameterGroups groups, OptimizerKind kind, double learningRate, double weightDecay, double beta2, ContiguousParameters? contiguous)
    {
        CheckBeta2(beta2);
        ArgumentNullException.ThrowIfNull(groups);
        OptionGuard.Positive(learningRate, "LearningRate");
        OptionGuard.NonNegative(weightDecay, "WeightDecay");
        var decayed = groups.Decayed.Select(p => p.Parameter).ToArray();
        var notDecayed = groups.NotDecayed.Select(p => p.Parameter).ToArray();
        switch (OptionGuard.Defined(kind, "Optimizer"))
        {
            case OptimizerKind.AdamW:
            {
                var list = new List<AdamW.ParamGroup>();
                if (decayed.Length > 0) list.Add(new AdamW.ParamGroup(decayed, lr: learningRate, beta1: 0.9, beta2: beta2, weight_decay: weightDecay));
                if (notDecayed.Length > 0) list.Add(new AdamW.ParamGroup(notDecayed, lr: learningRate, beta1: 0.9, beta2: beta2, weight_decay: 0));
                var adamW = new KeptAliveAdamW(list, learningRate, 0.9, beta2);
                if (contiguous is not null)
                    adamW.UseContiguous(contiguous);
                return adamW;
            }
            default:
            {
                var list = new List<Adam.ParamGroup>();
                if (decayed.Length > 0) list.Add(new Adam.ParamGroup(decayed, lr: learningRate, beta1: 0.9, beta2: beta2, weight_decay: weightDecay));
                if (notDecayed.Length > 0) list.Add(new Adam.ParamGroup(notDecayed, lr: learningRate, beta1: 0.9, beta2: beta2, weight_decay: 0));
                var adam = new KeptAliveAdam(list, learningRate, 0.9, beta2);
                if (contiguous is not null)
                    adam.UseContiguous(contiguous);
                return adam;
            }
        }
    }

    /// <summary>Refuses β₂ outside (0, 1) with the option's name and range.</summary>
    internal static double CheckBeta2(double beta2) => beta2 > 0 && beta2 < 1
        ? beta2
        : throw new ArgumentOutOfRangeException("AdamBeta2", beta2, OptionGuard.Message("AdamBeta2", "a value in (0, 1), e.g. 0.999 or RealMLP-TD's 0.95", beta2.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Sets the learning rate of every parameter group.</summary>
    public static void SetLearningRate(torch.optim.Optimizer optimizer, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = learningRate;
    }

    /// <summary>The learning rate of the first parameter group.</summary>
    public static double GetLearningRate(torch.optim.Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return optimizer.ParamGroups.First().LearningRate;
    }
}
