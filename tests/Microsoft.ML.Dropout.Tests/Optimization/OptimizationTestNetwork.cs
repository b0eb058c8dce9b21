using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Optimization;

/// <summary>A tiny named network: hidden0.linear (4→3), hidden0.norm (LayerNorm 3), output (3→2).</summary>
internal static class OptimizationTestNetwork
{
    internal static nn.Module<Tensor, Tensor> Create()
    {
        torch.manual_seed(7);
        var hidden = nn.Sequential(("linear", nn.Linear(4, 3)), ("norm", nn.LayerNorm(3)));
        var net = nn.Sequential(("hidden0", hidden), ("output", nn.Linear(3, 2)));
        using (torch.no_grad())
        {
            // Non-trivial norm parameters, so "unchanged" is a real check.
            foreach (var (name, p) in net.named_parameters())
                if (name.Contains("norm")) p.copy_(torch.rand_like(p) + 0.5);
        }
        return net;
    }

    /// <summary>Sets every gradient to exactly zero (backward of Σ 0·p).</summary>
    internal static void ZeroGradients(nn.Module<Tensor, Tensor> net)
    {
        Tensor? loss = null;
        foreach (var p in net.parameters())
            loss = loss is null ? (p * 0).sum() : loss + (p * 0).sum();
        loss!.backward();
    }

    internal static Dictionary<string, float[]> Copy(nn.Module<Tensor, Tensor> net) =>
        net.named_parameters().ToDictionary(np => np.name, np => np.parameter.detach().clone().data<float>().ToArray());
}
