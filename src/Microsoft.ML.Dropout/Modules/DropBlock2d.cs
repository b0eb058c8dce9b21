using Microsoft.ML.Dropout.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Modules;

/// <summary>
/// DropBlock (Ghiasi et al. 2018) for B×C×H×W feature maps: drops contiguous block×block regions instead of single
/// units. Block seeds (top-left corners, only where a whole block fits) are drawn per example and channel with rate
/// γ = p/block² · H·W/((H−block+1)(W−block+1)), so about a fraction p of the units is dropped; each seed is expanded
/// to its block by a max-pool, and the kept units are rescaled by (number of units)/(number kept) so the mean is
/// preserved. Identity in eval mode. When block exceeds H or W the effective block is min(block, H, W).
/// </summary>
public sealed class DropBlock2d : ParameterLessModule<Tensor, Tensor>, IDropoutSite
{
    private double _rate;

    /// <summary>Creates the module.</summary>
    /// <param name="rate">Target fraction of dropped units. Default 0.1; range [0, 1).</param>
    /// <param name="blockSize">Side of the dropped square. Default 3; ≥ 1 (1 = unstructured dropout).</param>
    public DropBlock2d(double rate = 0.1, int blockSize = 3) : base(nameof(DropBlock2d))
    {
        Rate = rate;
        BlockSize = OptionGuard.AtLeast(blockSize, 1, nameof(blockSize));
    }

    /// <inheritdoc/>
    public double Rate { get => _rate; set => _rate = OptionGuard.Rate(value, nameof(Rate)); }

    /// <summary>Side of the dropped square, fixed at construction; ≥ 1.</summary>
    public int BlockSize { get; }

    /// <summary>The seed rate γ for an H×W map: p/block² · H·W/((H−block+1)(W−block+1)), capped at 1.</summary>
    /// <param name="rate">Target drop fraction p.</param>
    /// <param name="blockSize">Block side (already limited to H and W).</param>
    /// <param name="height">H.</param>
    /// <param name="width">W.</param>
    public static double SeedRate(double rate, int blockSize, long height, long width)
    {
        double valid = (double)(height - blockSize + 1) * (width - blockSize + 1);
        return Math.Min(1.0, rate / (blockSize * (double)blockSize) * (height * (double)width) / valid);
    }

    /// <summary>Drops blocks in training mode; identity in eval mode.</summary>
    /// <param name="input">B×C×H×W tensor.</param>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4)
            throw new ArgumentException($"DropBlock2d expects input of shape B×C×H×W; received {input.dim()} dimension(s).", nameof(input));
        if (!training || _rate == 0)
            return input.alias();
        long h = input.shape[2], w = input.shape[3];
        int block = (int)Math.Min(BlockSize, Math.Min(h, w));
        double gamma = SeedRate(_rate, block, h, w);
        using var scope = NewDisposeScope();
        var seeds = DropoutMask.Bernoulli(new[] { input.shape[0], input.shape[1], h - block + 1, w - block + 1 }, gamma, input.dtype, input.device);
        // Position (y, x) is dropped when a seed lies in rows y−block+1..y and columns x−block+1..x:
        // pad the seed map by block−1 on every side and take the max over block×block windows.
        var padded = TorchSharp.torch.nn.functional.pad(seeds, new long[] { block - 1, block - 1, block - 1, block - 1 });
        var dropped = TorchSharp.torch.nn.functional.max_pool2d(padded, new long[] { block, block }, new long[] { 1, 1 });
        var keepMask = KeptScalars.AddInPlace(dropped.neg(), 1.0); // see KeptScalars
        double kept = keepMask.sum().item<float>();
        double scale = kept > 0 ? keepMask.numel() / kept : 0.0;
        return input.mul(KeptScalars.MulInPlace(keepMask, scale)).MoveToOuterDisposeScope();
    }
}
