using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Export.Tabular;

/// <summary>
/// ONNX nodes of an <see cref="EnsembleMeanLayer"/> over member outputs [N, k, Size]: binary
/// ReduceLogSumExp(−Softplus(−z)) − ReduceLogSumExp(−Softplus(z)); multiclass ReduceLogSumExp(LogSoftmax(z)) − log k;
/// regression ReduceMean — each over the member axis, giving [N, Size].
/// </summary>
internal static class EnsembleMeanOnnxWriter
{
    internal static string Write(OnnxGraphBuilder g, EnsembleMeanLayer layer, string z)
    {
        ((ITabularSnapshotLayer)layer).Validate();
        string n = layer.Name;
        var overMembers = new[] { OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 0) };
        switch (layer.Task)
        {
            case TaskKind.BinaryClassification:
                string negated = g.AddNode("Neg", $"{n}.negated", new[] { z });
                string logPositive = g.AddNode("Neg", $"{n}.log_sigmoid", new[] { g.AddNode("Softplus", $"{n}.softplus_neg", new[] { negated }) });
                string logNegative = g.AddNode("Neg", $"{n}.log_sigmoid_neg", new[] { g.AddNode("Softplus", $"{n}.softplus", new[] { z }) });
                string positive = g.AddNode("ReduceLogSumExp", $"{n}.positive", new[] { logPositive }, null, overMembers);
                string negative = g.AddNode("ReduceLogSumExp", $"{n}.negative", new[] { logNegative }, null, overMembers);
                return g.AddNode("Sub", n, new[] { positive, negative });
            case TaskKind.MulticlassClassification:
                string logSoftmax = g.AddNode("LogSoftmax", $"{n}.log_softmax", new[] { z }, null, OnnxAttribute.Int("axis", -1));
                string sum = g.AddNode("ReduceLogSumExp", $"{n}.log_sum", new[] { logSoftmax }, null, overMembers);
                return g.AddNode("Sub", n, new[] { sum, g.AddScalar($"{n}.log_members", (float)Math.Log(layer.Members)) });
            default:
                return g.AddNode("ReduceMean", n, new[] { z }, null, overMembers);
        }
    }
}
