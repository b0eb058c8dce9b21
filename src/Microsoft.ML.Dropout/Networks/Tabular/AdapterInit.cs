using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>Fills a scaling adapter in place according to an <see cref="AdapterInitialization"/>.</summary>
internal static class AdapterInit
{
    internal static void Fill(Tensor adapter, AdapterInitialization initialization)
    {
        OptionGuard.Defined(initialization, nameof(initialization));
        using var _ = no_grad();
        switch (initialization)
        {
            case AdapterInitialization.Ones:
                adapter.fill_(1);
                break;
            case AdapterInitialization.Normal:
                adapter.normal_();
                break;
            default:
                adapter.bernoulli_(0.5).mul_(2).sub_(1);
                break;
        }
    }
}
