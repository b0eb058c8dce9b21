using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using Microsoft.ML.Dropout.Tests.Export;
using Microsoft.ML.Dropout.Tests.Training;
using Microsoft.ML.Dropout.Training;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Tabular;

/// <summary>
/// The <c>ParametricActivation</c> option (issue 10): the network uses it for a plain MLP and for a TabM ensemble
/// (members share α), its snapshot scores the same in TorchSharp, managed code and ONNX Runtime, and the trainer
/// learns α.
/// </summary>
[Collection("Sequential")]
public class ParametricActivationNetworkTests
{
    private static readonly float[] Train = TabularParity.SkewedRows(300, 4, seed: 11);

    [Theory]
    [InlineData(1, Activation.Selu)]
    [InlineData(4, Activation.Gelu)]
    [InlineData(4, Activation.Silu)]
    public void Network_ParametricActivation_TorchManagedAndOnnxAgree(int members, Activation activation)
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(21);
        var architecture = new MlpArchitecture
        {
            HiddenLayers = new[] { 12, 10 }, Activation = activation, Normalization = Normalization.LayerNorm, ParametricActivation = true,
        };
        using var network = TabularNetwork.Build(Train, 300, 4, 3, TaskKind.MulticlassClassification, architecture,
            new TabularFrontOptions { Preprocessing = FeaturePreprocessing.RobustClip }, ensembleSize: members);
        var alphas = network.modules().OfType<ParametricActivation>().ToArray();
        Assert.Equal(2, alphas.Length);                                        // one per hidden layer, shared by the members
        using (no_grad())
            foreach (var alpha in alphas)
                alpha.Weight.normal_(1, 0.6);                                  // away from 1, so f alone would not pass
        network.eval();

        float[] rows = TabularParity.WithNaN(TabularParity.SkewedRows(40, 4, seed: 12), every: 7);
        float[] torchOut;
        using (var x = tensor(rows, new long[] { 40, 4 }))
        using (no_grad())
        using (var y = network.forward(x))
            torchOut = y.data<float>().ToArray();

        var snapshot = network.ToSnapshot(TaskKind.MulticlassClassification);
        var layers = snapshot.Layers.OfType<ParametricActivationLayer>().ToArray();
        Assert.Equal(2, layers.Length);
        Assert.All(layers, l => Assert.Equal(members, l.Members));
        Assert.Equal(alphas[0].Weight.data<float>().ToArray(), layers[0].Alpha);

        float[] managed = SnapshotEvaluator.Forward(snapshot, rows, 40);
        float[] onnx = OrtRunner.Run(OnnxExporter.Export(snapshot), rows, 40, 4)["RawOutput"].Values;
        OrtRunner.AssertClose(torchOut, managed, 1e-5);
        OrtRunner.AssertClose(torchOut, onnx, 1e-5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Fit_ParametricActivation_LearnsAlphaAndTheSnapshotHoldsIt(int members)
    {
        var options = TrainerTestOptions.Small(maxEpochs: 4);
        options.EarlyStoppingPatience = null;
        options.Activation = Activation.Selu;
        options.ParametricActivation = true;
        options.EnsembleSize = members;
        var result = new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(SyntheticData.FourClass(200, 12, 4, seed: 31));

        var layers = result.Model.Layers.OfType<ParametricActivationLayer>().ToArray();
        Assert.Equal(new[] { 32, 16 }, layers.Select(l => l.Size));
        Assert.All(layers, l => Assert.Equal(members, l.Members));
        double moved = layers.SelectMany(l => l.Alpha).Max(a => Math.Abs(a - 1));
        Assert.True(moved > 1e-3, $"α stayed at its initial value 1 (largest change {moved:G3})");
    }

    [Fact]
    public void Fit_ParametricActivationOff_SnapshotHasPlainActivations()
    {
        var options = TrainerTestOptions.Small(maxEpochs: 2);
        Assert.False(options.ParametricActivation);
        var result = new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(SyntheticData.FourClass(100, 12, 4, seed: 32));
        Assert.Empty(result.Model.Layers.OfType<ParametricActivationLayer>());
    }
}
