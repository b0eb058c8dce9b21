using Microsoft.ML.Dropout.Snapshots.Tabular;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// Combines the k members' outputs [N, k, Size] into one [N, Size] row whose sigmoid/softmax is the members' mean
/// probability (binary: logit of the mean; multiclass: log of the mean) or, for regression, the mean output; see
/// <see cref="EnsembleMeanLayer"/> for the formulas. No parameters.
/// </summary>
public sealed class EnsembleMean : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the combination.</summary>
    /// <param name="members">k ≥ 1.</param>
    /// <param name="size">Outputs per member (1 for binary).</param>
    /// <param name="task">How members are averaged.</param>
    public EnsembleMean(int members, int size, TaskKind task) : base(nameof(EnsembleMean))
    {
        Members = OptionGuard.AtLeast(members, 1, "EnsembleSize");
        Size = OptionGuard.AtLeast(size, 1, nameof(size));
        Task = OptionGuard.Defined(task, nameof(task));
    }

    /// <summary>k.</summary>
    public int Members { get; }
    /// <summary>Outputs per member.</summary>
    public int Size { get; }
    /// <summary>How members are averaged.</summary>
    public TaskKind Task { get; }

    /// <summary>z [N, k, Size] → [N, Size].</summary>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var y = Task switch
        {
            TaskKind.BinaryClassification =>
                nn.functional.logsigmoid(z).logsumexp(1, false) - nn.functional.logsigmoid(-z).logsumexp(1, false),
            TaskKind.MulticlassClassification => nn.functional.log_softmax(z, -1).logsumexp(1, false) - Math.Log(Members),
            _ => z.mean(new long[] { 1 }),
        };
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>The combination as a snapshot layer.</summary>
    /// <param name="name">Layer name. Default "ensemble_mean".</param>
    public EnsembleMeanLayer ToSnapshot(string name = "ensemble_mean") => new(name, Members, Size, Task);
}
