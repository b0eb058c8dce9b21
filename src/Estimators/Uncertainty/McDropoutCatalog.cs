using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Transforms.Onnx;

namespace Microsoft.ML;

/// <summary>MC-dropout uncertainty (Gal &amp; Ghahramani 2016) as an ordinary ML.NET transform.</summary>
public static class McDropoutCatalog
{
    /// <summary>
    /// Adds uncertainty columns computed by K stochastic forward passes with dropout active (everything else as
    /// at inference). The passes run inside an ONNX graph scored by ML.NET's own <c>ApplyOnnxModel</c>, so the
    /// fitted transformer saves with <c>mlContext.Model.Save</c> and loads without this library or TorchSharp.
    /// </summary>
    /// <remarks>
    /// Columns (each a vector; N rows are scored one at a time by OnnxTransformer):
    /// <list type="bullet">
    /// <item><c>{prefix}Mean</c>: mean probability of class 1 (binary, 1 slot), class probabilities (multiclass, K slots)
    /// or mean prediction in label units (regression, 1 slot);</item>
    /// <item><c>{prefix}Std</c>: standard deviation across passes of the same values (the spread grows away from
    /// the training data);</item>
    /// <item>multiclass only: <c>{prefix}Entropy</c> (predictive entropy) and <c>{prefix}MutualInformation</c>
    /// (its epistemic part, BALD), 1 slot each, in nats.</item>
    /// </list>
    /// The K masks of every dropout site are drawn once from <paramref name="seed"/> and stored in the graph (K fixed
    /// thinned networks): a row gets the same values whatever its position, on every Transform and after Save/Load. Networks with DropConnect
    /// sites are not supported here; use <see cref="SnapshotEvaluator.McDropout"/>.
    /// </remarks>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="network">The trained network, e.g. <c>transformer.Model.Snapshot</c> of a fitted RegularizedMlp trainer. It must have dropout (rate &gt; 0).</param>
    /// <param name="featureColumnName">Feature column the network was trained on (known-size vector of Single). Default "Features".</param>
    /// <param name="passes">Stochastic passes per row. Default 30; range [2, 10000].</param>
    /// <param name="seed">Seed of the dropout masks. Default 0.</param>
    /// <param name="outputPrefix">Prefix of the added column names. Default "Mc".</param>
    public static OnnxScoringEstimator McDropoutUncertainty(this TransformsCatalog catalog, MlpSnapshot network,
        string featureColumnName = "Features", int passes = McDropoutOnnxOptions.Defaults.Passes, int seed = 0,
        string outputPrefix = McDropoutOnnxOptions.Defaults.OutputPrefix)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(network);
        var options = new McDropoutOnnxOptions { Passes = passes, Seed = seed, InputName = featureColumnName, OutputPrefix = outputPrefix };
        byte[] onnx = McDropoutOnnxExporter.Export(network, options);
        var outputs = new List<string> { options.MeanName, options.StdName };
        if (network.Task == Dropout.TaskKind.MulticlassClassification)
            outputs.AddRange(new[] { options.EntropyName, options.MutualInformationName });
        return catalog.ApplyOnnxModel(outputs.ToArray(), new[] { featureColumnName }, new MemoryStream(onnx));
    }
}
