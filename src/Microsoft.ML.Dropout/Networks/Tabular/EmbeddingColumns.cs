using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// The embedding modules' column bookkeeping in TorchSharp: gather the embedded columns, then
/// cat([embeddings flattened, passthrough columns]) (see <see cref="Snapshots.Tabular.TabularColumns"/>).
/// </summary>
internal static class EmbeddingColumns
{
    /// <summary>[N, F] → [N, E] (the embedded columns).</summary>
    internal static Tensor Gather(Tensor x, Tensor columns) => x.index_select(1, columns);

    /// <summary>cat([embedded flattened to [N, E·d], passthrough columns], 1).</summary>
    internal static Tensor Concat(Tensor embedded, Tensor x, Tensor? passthrough)
    {
        var flat = embedded.flatten(1);
        return passthrough is null ? flat : cat(new[] { flat, x.index_select(1, passthrough) }, 1);
    }
}
