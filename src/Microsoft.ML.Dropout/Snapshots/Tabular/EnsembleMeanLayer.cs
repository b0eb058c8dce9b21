namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// Combines the k members' outputs z_1 … z_k (rows of k × Size) into one output row of Size values that the usual
/// score/probability path turns into the members' mean prediction:
/// <list type="bullet">
/// <item>binary: the logit of the mean probability, LSE_i log σ(z_i) − LSE_i log σ(−z_i) (so σ(score) = mean σ(z_i));</item>
/// <item>multiclass: the log of the mean probabilities, LSE_i log_softmax(z_i) − log k (so softmax(score) = mean softmax(z_i));</item>
/// <item>regression: the mean output.</item>
/// </list>
/// Every term is computed with log-sum-exp, so no probability underflows.
/// </summary>
/// <param name="Name">Layer name.</param>
/// <param name="Members">k.</param>
/// <param name="Size">Outputs per member (1 for binary and regression, K for multiclass).</param>
/// <param name="Task">How members are averaged.</param>
public sealed record EnsembleMeanLayer(string Name, int Members, int Size, TaskKind Task) : SnapshotLayer(Name), ITabularSnapshotLayer
{
    int ITabularSnapshotLayer.InputWidth => Members * Size;
    int ITabularSnapshotLayer.OutputWidth => Size;

    void ITabularSnapshotLayer.Validate()
    {
        OptionGuard.AtLeast(Members, 1, "EnsembleSize");
        OptionGuard.AtLeast(Size, 1, nameof(Size));
        OptionGuard.Defined(Task, nameof(Task));
        if (Task == TaskKind.BinaryClassification && Size != 1)
            throw new ArgumentException($"Layer '{Name}': a binary ensemble has one logit per member, not {Size}.");
    }
}
