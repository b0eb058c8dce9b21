using Microsoft.ML.Dropout.Snapshots.Tabular;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// Gives each of the k ensemble members the same row: [N, D] → [N, k, D] (a broadcast view, no copy). Every member
/// sees the whole batch, in training as at inference (TabM).
/// </summary>
public sealed class EnsembleView : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the view.</summary>
    /// <param name="members">k ≥ 1.</param>
    /// <param name="size">D, the row width ≥ 1.</param>
    public EnsembleView(int members, int size) : base(nameof(EnsembleView))
    {
        Members = OptionGuard.AtLeast(members, 1, "EnsembleSize");
        Size = OptionGuard.AtLeast(size, 1, nameof(size));
    }

    /// <summary>k.</summary>
    public int Members { get; }

    /// <summary>D.</summary>
    public int Size { get; }

    /// <summary>x [N, D] → [N, k, D].</summary>
    public override Tensor forward(Tensor x) => x.unsqueeze(1).expand(x.shape[0], Members, Size);

    /// <summary>The view as a snapshot layer.</summary>
    /// <param name="name">Layer name. Default "ensemble_view".</param>
    public EnsembleViewLayer ToSnapshot(string name = "ensemble_view") => new(name, Members, Size);
}
