using Microsoft.ML.Dropout.Datasets;
using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Optimization;
using Microsoft.ML.Dropout.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Optimization;

/// <summary>
/// The parameters and gradients in one buffer each: the layout keeps the values, backward fills the gradient buffer,
/// and every whole-buffer operation (zeroing, clipping, the Adam/AdamW update) gives the same bits as the per-parameter
/// code it replaces. The trainer's seeded weights hashes (SeededWeightsHashTests) are unchanged by it.
/// </summary>
[Collection("Sequential")]
public class ContiguousParametersTests
{
    [Fact]
    public void TryCreate_KeepsValues_DecayedGroupFirst_Bound()
    {
        TorchRuntime.EnsureLoaded(threads: 1);
        using var scope = NewDisposeScope();
        var net = Network(seed: 1);
        var groups = ParameterGroups.Split(net.named_parameters());
        var before = groups.All.Select(p => p.data<float>().ToArray()).ToArray();

        using var contiguous = ContiguousParameters.TryCreate(groups)!;

        Assert.NotNull(contiguous);
        Assert.True(contiguous.IsBound());
        Assert.Equal(groups.All.Sum(p => p.numel()), contiguous.Values.numel());
        Assert.Equal(groups.Decayed.Sum(p => p.Parameter.numel()), contiguous.DecayedElements);
        for (int i = 0; i < before.Length; i++)
            Assert.Equal(before[i], groups.All[i].data<float>().ToArray());
        // The decayed group's slice holds the weight matrices, in order.
        var decayed = groups.Decayed.SelectMany(p => p.Parameter.data<float>().ToArray()).ToArray();
        Assert.Equal(decayed, contiguous.Values.narrow(0, 0, contiguous.DecayedElements).data<float>().ToArray());
        // Writing the buffer writes the parameters.
        using (no_grad())
            contiguous.Values.fill_(0.5f);
        Assert.All(groups.All, p => Assert.All(p.data<float>().ToArray(), v => Assert.Equal(0.5f, v)));
    }

    [Fact]
    public void Backward_AccumulatesIntoTheBuffer_ZeroingKeepsTheLayout()
    {
        TorchRuntime.EnsureLoaded(threads: 1);
        using var scope = NewDisposeScope();
        var net = Network(seed: 2);
        var reference = Network(seed: 2);
        var groups = ParameterGroups.Split(net.named_parameters());
        using var contiguous = ContiguousParameters.TryCreate(groups)!;
        using var optimizer = OptimizerFactory.Create(groups, OptimizerKind.AdamW, 1e-3, 0.01, 0.999, contiguous);

        manual_seed(7);
        var x = randn(16, 5);
        net.forward(x).square().mean().backward();
        reference.forward(x).square().mean().backward();

        Assert.True(contiguous.IsBound());
        var expected = ParameterGroups.Split(reference.named_parameters()).All.SelectMany(p => p.grad!.data<float>().ToArray()).ToArray();
        Assert.Equal(expected, contiguous.Gradients.data<float>().ToArray());
        Assert.Contains(expected, v => v != 0);

        optimizer.zero_grad(); // TorchSharp's zeroes in place: the gradients stay in the buffer
        Assert.True(contiguous.IsBound());
        Assert.All(contiguous.Gradients.data<float>().ToArray(), v => Assert.Equal(0f, v));
        net.forward(x).square().mean().backward();
        Assert.Equal(expected, contiguous.Gradients.data<float>().ToArray());
        contiguous.ZeroGradients();
        Assert.All(groups.All, p => Assert.All(p.grad!.data<float>().ToArray(), v => Assert.Equal(0f, v)));

        groups.All[0].grad = null; // what breaks the layout is detected
        Assert.False(contiguous.IsBound());
    }

    [Fact]
    public void EnsureBound_ReplacedGradients_CopiedBackIntoTheBuffer()
    {
        TorchRuntime.EnsureLoaded(threads: 1);
        using var scope = NewDisposeScope();
        var net = Network(seed: 5);
        var groups = ParameterGroups.Split(net.named_parameters());
        using var contiguous = ContiguousParameters.TryCreate(groups)!;
        Assert.Equal(0, contiguous.EnsureBound());
        int last = groups.All.Count - 1;
        manual_seed(9);
        var replacement = randn(groups.All[last].shape);
        contiguous.Gradients.fill_(3f);
        groups.All[0].grad = null;                   // what libtorch's Module.zero_grad() does
        groups.All[last].grad = replacement.clone(); // a gradient allocated elsewhere

        Assert.Equal(2, contiguous.EnsureBound());

        Assert.True(contiguous.IsBound());
        Assert.All(groups.All[0].grad!.data<float>().ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(replacement.data<float>().ToArray(), groups.All[last].grad!.data<float>().ToArray());
        long lastStart = contiguous.Values.numel() - groups.All[last].numel();
        Assert.Equal(replacement.data<float>().ToArray(), contiguous.Gradients.narrow(0, lastStart, groups.All[last].numel()).data<float>().ToArray());
        Assert.All(groups.All[1].grad!.data<float>().ToArray(), v => Assert.Equal(3f, v)); // the others untouched
    }

    [Fact]
    public void Fit_CallbackResetsModuleGradients_SameWeightsAsWithout()
    {
        var data = SyntheticClassification.Generate(300, 5, informative: 3, classes: 2, seed: 6);
        MlpTrainerOptions Options() => new MlpClassificationOptions { MaxEpochs = 2, RefitOnAllRows = false, Seed = 3 };
        var plain = new MlpTrainer(Options(), TrainingTask.Binary).Fit(data);
        var options = Options();
        options.Callbacks.Add(new ModuleGradientReset());
        var reset = new MlpTrainer(options, TrainingTask.Binary).Fit(data);

        var expected = plain.Model.Layers.OfType<Microsoft.ML.Dropout.Snapshots.DenseLayer>().SelectMany(l => l.Weight).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, reset.Model.Layers.OfType<Microsoft.ML.Dropout.Snapshots.DenseLayer>().SelectMany(l => l.Weight).ToArray());
    }

    /// <summary>Calls libtorch's Module.zero_grad() (gradients set to null) before every batch.</summary>
    private sealed class ModuleGradientReset : ITrainingCallback
    {
        public void OnBatchBegin(TrainingContext context)
        {
            context.Model.zero_grad();
            using var grad = context.Model.parameters().First().grad;
            Assert.Null(grad); // libtorch's reset does set them to null: the case EnsureBound repairs
        }
    }

    [Theory]
    [InlineData(0.05)] // clipped
    [InlineData(1e6)]  // not clipped: coefficient 1
    public void ClipGradientNorm_SameBitsAsLibtorch(double maxNorm)
    {
        TorchRuntime.EnsureLoaded(threads: 1);
        using var scope = NewDisposeScope();
        var net = Network(seed: 3);
        var reference = Network(seed: 3);
        var groups = ParameterGroups.Split(net.named_parameters());
        var referenceGroups = ParameterGroups.Split(reference.named_parameters());
        using var contiguous = ContiguousParameters.TryCreate(groups)!;
        manual_seed(8);
        var x = randn(32, 5);
        net.forward(x).square().sum().backward();
        reference.forward(x).square().sum().backward();

        double norm = contiguous.ClipGradientNorm(maxNorm);
        double expectedNorm = nn.utils.clip_grad_norm_(referenceGroups.All, maxNorm);

        Assert.Equal((float)expectedNorm, (float)norm);
        Assert.Equal(referenceGroups.All.SelectMany(p => p.grad!.data<float>().ToArray()).ToArray(), contiguous.Gradients.data<float>().ToArray());
        if (maxNorm < 1)
            Assert.True(norm > maxNorm); // the small bound did clip
    }

    [Theory]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.AdamL2)]
    public void OptimizerStep_WholeGroups_SameBitsAsPerParameter(OptimizerKind kind)
    {
        TorchRuntime.EnsureLoaded(threads: 1);
        using var scope = NewDisposeScope();
        var net = Network(seed: 4);
        var reference = Network(seed: 4);
        var groups = ParameterGroups.Split(net.named_parameters());
        var referenceGroups = ParameterGroups.Split(reference.named_parameters());
        using var contiguous = ContiguousParameters.TryCreate(groups)!;
        using var ours = OptimizerFactory.Create(groups, kind, 0.01, 0.05, 0.95, contiguous);
        using var theirs = OptimizerFactory.Create(referenceGroups, kind, 0.01, 0.05, 0.95);
        for (int step = 0; step < 5; step++)
        {
            manual_seed(100 + step);
            var x = randn(16, 5);
            contiguous.ZeroGradients();
            theirs.zero_grad();
            net.forward(x).square().mean().backward();
            reference.forward(x).square().mean().backward();
            ours.step();
            theirs.step();
        }
        for (int i = 0; i < groups.All.Count; i++)
            Assert.Equal(referenceGroups.All[i].data<float>().ToArray(), groups.All[i].data<float>().ToArray());
        Assert.NotEqual(Network(seed: 4).parameters().First().data<float>().ToArray(), groups.All[0].data<float>().ToArray()); // the steps moved the weights
        Assert.True(contiguous.IsBound());
        long wholeGroupSteps = ours is KeptAliveAdamW adamW ? adamW.ContiguousGroupSteps : ((KeptAliveAdam)ours).ContiguousGroupSteps;
        Assert.Equal(2 * 5, wholeGroupSteps); // both groups, every step, took the whole-slice update (not the per-parameter fallback)
    }

    [Fact]
    public void TryCreate_MixedTypes_Null()
    {
        TorchRuntime.EnsureLoaded(threads: 1);
        using var scope = NewDisposeScope();
        var single = new Parameter(randn(3, 2));
        var dbl = new Parameter(randn(3, 2, dtype: ScalarType.Float64));
        var groups = ParameterGroups.Split(new[] { ("a.weight", single), ("b.weight", dbl) });
        Assert.Null(ContiguousParameters.TryCreate(groups));
        Assert.Null(ContiguousParameters.TryCreate(ParameterGroups.Split(Array.Empty<(string, Parameter)>())));
    }

    [Fact]
    public void Fit_TrainsOnTheContiguousLayout()
    {
        var data = SyntheticClassification.Generate(400, 6, informative: 4, classes: 2, seed: 5);
        var probe = new LayoutProbe();
        var options = new MlpClassificationOptions { MaxEpochs = 3, Callbacks = { probe } };
        new MlpTrainer(options, TrainingTask.Binary).Fit(data);
        Assert.True(probe.Batches > 0);
        Assert.Equal(probe.Batches, probe.Bound); // every step ran with the parameters and gradients in place
        Assert.Equal(2L * probe.Batches, probe.WholeGroupSteps); // and the AdamW update took both groups as whole slices
    }

    private sealed class LayoutProbe : ITrainingCallback
    {
        internal int Batches, Bound;
        internal long WholeGroupSteps;

        public void OnTrainEnd(TrainingContext context) => WholeGroupSteps += ((KeptAliveAdamW)context.Optimizer).ContiguousGroupSteps; // the first run and the refit

        public void OnBatchEnd(TrainingContext context)
        {
            Batches++;
            if (context.Contiguous is { } contiguous && contiguous.IsBound())
                Bound++;
        }
    }

    private static nn.Module<Tensor, Tensor> Network(int seed)
    {
        manual_seed(seed);
        return nn.Sequential(("hidden", nn.Linear(5, 7)), ("norm", nn.LayerNorm(7)), ("act", nn.GELU()), ("out", nn.Linear(7, 3)));
    }
}
