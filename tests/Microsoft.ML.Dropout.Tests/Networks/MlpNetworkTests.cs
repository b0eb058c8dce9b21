using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Modules;
using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Tests.Modules;
using Microsoft.ML.Dropout.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Networks;

[Collection("Sequential")]
public class MlpNetworkTests
{
    public MlpNetworkTests() => TorchRuntime.EnsureLoaded(threads: 2);

    private static MlpArchitecture Arch(int[] hidden, Activation activation = Activation.Gelu,
        Normalization normalization = Normalization.LayerNorm, DropoutKind kind = DropoutKind.Standard,
        double rate = 0.3, double inputRate = 0, bool residual = false, double dropPath = 0) => new()
    {
        HiddenLayers = hidden,
        Activation = activation,
        Normalization = normalization,
        DropoutKind = kind,
        DropoutRate = rate,
        InputDropoutRate = inputRate,
        Residual = residual,
        DropPathRate = dropPath,
    };

    [Fact]
    public void Build_Default_OrdersLinearNormActivationDropoutAndNoDropoutAfterOutput()
    {
        manual_seed(1);
        using var net = MlpNetwork.Build(Arch(new[] { 16, 8 }, inputRate: 0.1), 5, 3);
        var modules = net.named_modules().ToList();
        Assert.Equal(new[] { "input_dropout", "hidden0", "hidden1", "output" }, net.named_children().Select(c => c.name).ToArray());
        foreach (var h in new[] { "hidden0", "hidden1" })
        {
            var children = modules.Where(m => m.name.StartsWith(h + ".", StringComparison.Ordinal)).ToList();
            Assert.Equal(new[] { $"{h}.linear", $"{h}.norm", $"{h}.activation", $"{h}.dropout" }, children.Select(c => c.name).ToArray());
            Assert.IsType<TorchSharp.Modules.Linear>(children[0].module);
            Assert.IsType<TorchSharp.Modules.LayerNorm>(children[1].module);
            Assert.IsType<TorchSharp.Modules.GELU>(children[2].module);
            Assert.IsType<InvertedDropout>(children[3].module);
        }
        Assert.IsType<TorchSharp.Modules.Linear>(modules.Single(m => m.name == "output").module);
        Assert.DoesNotContain(modules, m => m.name.StartsWith("output.", StringComparison.Ordinal));
        Assert.Equal("output", net.named_children().Last().name);
        Assert.IsType<InvertedDropout>(modules.Single(m => m.name == "input_dropout").module);
    }

    [Fact]
    public void Build_BatchNormSiluNoInputDropout_UsesBatchNormAndHasNoInputSite()
    {
        using var net = MlpNetwork.Build(Arch(new[] { 4 }, Activation.Silu, Normalization.BatchNorm), 3, 1);
        var modules = net.named_modules().ToDictionary(m => m.name, m => m.module);
        Assert.False(net.HasInputDropout);
        Assert.False(modules.ContainsKey("input_dropout"));
        Assert.IsType<TorchSharp.Modules.BatchNorm1d>(modules["hidden0.norm"]);
        Assert.IsType<TorchSharp.Modules.SiLU>(modules["hidden0.activation"]);
    }

    [Fact]
    public void NamedParameters_Default_AreDocumentedNamesAndOnlyWeightMatricesAreDecayable()
    {
        using var net = MlpNetwork.Build(Arch(new[] { 16, 8 }, inputRate: 0.1), 5, 3);
        var parameters = net.named_parameters().ToList();
        Assert.Equal(new[]
        {
            "hidden0.linear.weight", "hidden0.linear.bias", "hidden0.norm.weight", "hidden0.norm.bias",
            "hidden1.linear.weight", "hidden1.linear.bias", "hidden1.norm.weight", "hidden1.norm.bias",
            "output.weight", "output.bias",
        }, parameters.Select(p => p.name).ToArray());
        // A2's AdamW rule: decay parameters with dim ≥ 2 whose name does not contain "norm".
        var decayed = parameters.Where(p => p.parameter.dim() >= 2 && !p.name.Contains("norm", StringComparison.Ordinal)).Select(p => p.name);
        Assert.Equal(new[] { "hidden0.linear.weight", "hidden1.linear.weight", "output.weight" }, decayed.ToArray());
    }

    [Fact]
    public void NamedParameters_ConcreteAndDropConnect_KeepTheSameDecayRule()
    {
        using var concrete = MlpNetwork.Build(Arch(new[] { 6, 4 }, normalization: Normalization.None, kind: DropoutKind.Concrete), 3, 2);
        var names = concrete.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(1, names["hidden0.dropout.p_logit"].dim());
        Assert.Equal(1, names["hidden1.dropout.p_logit"].dim());

        using var dropConnect = MlpNetwork.Build(Arch(new[] { 6, 4 }, kind: DropoutKind.DropConnect), 3, 2);
        var dcModules = dropConnect.named_modules().ToDictionary(m => m.name, m => m.module);
        Assert.IsType<TorchSharp.Modules.Linear>(dcModules["hidden0.linear"]);
        Assert.IsType<DropConnectLinear>(dcModules["hidden1.linear"]);
        Assert.IsType<DropConnectLinear>(dcModules["output"]);
        Assert.DoesNotContain(dcModules.Keys, n => n.EndsWith(".dropout", StringComparison.Ordinal));
        var decayed = dropConnect.named_parameters().Where(p => p.parameter.dim() >= 2 && !p.name.Contains("norm", StringComparison.Ordinal)).Select(p => p.name);
        Assert.Equal(new[] { "hidden0.linear.weight", "hidden1.linear.weight", "output.weight" }, decayed.ToArray());
    }

    [Theory]
    [InlineData(DropoutKind.Standard)]
    [InlineData(DropoutKind.Gaussian)]
    [InlineData(DropoutKind.DropConnect)]
    [InlineData(DropoutKind.Concrete)]
    public void Forward_EvalDeterministicTrainStochastic(DropoutKind kind)
    {
        manual_seed(2);
        using var net = MlpNetwork.Build(Arch(new[] { 32, 16 }, kind: kind, rate: 0.4), 6, 2);
        using var x = randn(64, 6);
        net.eval();
        using var a = net.forward(x);
        using var b = net.forward(x);
        Assert.True(TensorAssert.Identical(a, b));
        net.train();
        using var c = net.forward(x);
        using var d = net.forward(x);
        Assert.False(TensorAssert.Identical(c, d));
        Assert.Equal(new long[] { 64, 2 }, c.shape);
    }

    [Fact]
    public void ApplyDropoutSchedule_LinearRamp_SetsInputAndHiddenRatesFromTheirTargets()
    {
        var arch = Arch(new[] { 8, 8 }, inputRate: 0.15, residual: true, dropPath: 0.2);
        arch.DropoutRates = new[] { 0.3, 0.12 };
        using var net = MlpNetwork.Build(arch, 4, 1);
        Assert.Equal(new[] { 0.15, 0.3, 0.12 }, net.CurrentDropoutRates);
        Assert.Equal(new[] { 0.15, 0.3, 0.12 }, net.TargetDropoutRates);

        var schedule = new LinearRampDropoutSchedule();
        var start = net.ApplyDropoutSchedule(schedule, 0, 50);
        AssertRates(new[] { 0.05, 0.1, 0.04 }, start);
        AssertRates(new[] { 0.05, 0.1, 0.04 }, net.DropoutSites.Select(s => s.Rate).ToArray());
        var end = net.ApplyDropoutSchedule(schedule, 30, 50);
        AssertRates(new[] { 0.15, 0.3, 0.12 }, end);
        // DropPath is not scheduled: a single residual block keeps the maximum rate.
        Assert.Equal(new[] { 0.0, 0.2 }, net.DropPathRates);
        var dropPath = (DropPath)net.named_modules().Single(m => m.name == "hidden1.drop_path").module;
        Assert.Equal(0.2, dropPath.Rate);
    }

    [Fact]
    public void ApplyDropoutSchedule_DropConnect_SchedulesTheNextLinearLayers()
    {
        var arch = Arch(new[] { 8, 4 }, kind: DropoutKind.DropConnect);
        arch.DropoutRates = new[] { 0.3, 0.6 };
        using var net = MlpNetwork.Build(arch, 4, 2);
        var rates = net.ApplyDropoutSchedule(new CosineDropoutSchedule(0.5), 0, 10);
        AssertRates(new[] { 0.15, 0.3 }, rates);
        var modules = net.named_modules().ToDictionary(m => m.name, m => m.module);
        Assert.Equal(0.15, ((DropConnectLinear)modules["hidden1.linear"]).Rate, 12);
        Assert.Equal(0.3, ((DropConnectLinear)modules["output"]).Rate, 12);
    }

    [Fact]
    public void ApplyDropoutSchedule_Concrete_LeavesLearnedRatesAndReportsThem()
    {
        using var net = MlpNetwork.Build(Arch(new[] { 8 }, normalization: Normalization.None, kind: DropoutKind.Concrete, rate: 0.25, inputRate: 0.1), 4, 1);
        var rates = net.ApplyDropoutSchedule(new LinearRampDropoutSchedule(0, 0.5), 0, 10);
        Assert.Equal(0.0, rates[0]); // the input site is standard dropout and is scheduled
        Assert.Equal(0.25, rates[1], 6); // the concrete site keeps its learned value
    }

    [Fact]
    public void ConcreteDropoutRegularization_NoConcreteSites_IsZeroScalar()
    {
        using var net = MlpNetwork.Build(Arch(new[] { 8 }), 4, 1);
        using var reg = net.ConcreteDropoutRegularization();
        Assert.Equal(0, reg.dim());
        Assert.Equal(0f, reg.item<float>());
    }

    [Fact]
    public void ConcreteDropoutRegularization_ConcreteSites_SumsPerSiteTermsAndIsDifferentiable()
    {
        manual_seed(3);
        using var net = MlpNetwork.Build(Arch(new[] { 8, 6 }, normalization: Normalization.None, kind: DropoutKind.Concrete, rate: 0.2), 4, 1);
        net.ConfigureConcreteDropout(trainingRows: 100, lengthScale: 0.1);
        var p = net.named_parameters().ToDictionary(x => x.name, x => x.parameter);
        double expected = 0;
        foreach (var (site, next, width) in new[] { ("hidden0", "hidden1.linear.weight", 8), ("hidden1", "output.weight", 6) })
        {
            double rate = 1 / (1 + Math.Exp(-p[$"{site}.dropout.p_logit"].item<float>()));
            double w2 = p[next].pow(2).sum().item<float>();
            expected += 0.01 / 100 * w2 / (1 - rate) + 2.0 / 100 * width * (rate * Math.Log(rate) + (1 - rate) * Math.Log(1 - rate));
        }
        using var reg = net.ConcreteDropoutRegularization();
        Assert.Equal(expected, reg.item<float>(), 5);
        reg.backward();
        Assert.NotEqual(0f, p["hidden0.dropout.p_logit"].grad!.item<float>());
    }

    [Fact]
    public void Build_SameSeed_GivesIdenticalInitialWeights()
    {
        var arch = Arch(new[] { 16, 16 }, residual: true, normalization: Normalization.BatchNorm, activation: Activation.Relu);
        manual_seed(42);
        using var first = MlpNetwork.Build(arch, 7, 3);
        manual_seed(42);
        using var second = MlpNetwork.Build(arch, 7, 3);
        manual_seed(43);
        using var other = MlpNetwork.Build(arch, 7, 3);
        var a = first.state_dict();
        var b = second.state_dict();
        Assert.Equal(a.Keys.OrderBy(k => k), b.Keys.OrderBy(k => k));
        foreach (var key in a.Keys)
            Assert.True(TensorAssert.Identical(a[key], b[key]), key);
        Assert.False(TensorAssert.Identical(a["hidden0.linear.weight"], other.state_dict()["hidden0.linear.weight"]));
    }

    [Fact]
    public void Build_SeluWithoutNorm_UsesLecunNormalInit()
    {
        manual_seed(5);
        using var net = MlpNetwork.Build(Arch(new[] { 256, 256 }, Activation.Selu, Normalization.None, DropoutKind.Alpha, rate: 0.05), 400, 1);
        var p = net.named_parameters().ToDictionary(x => x.name, x => x.parameter);
        Assert.InRange(p["hidden0.linear.weight"].std().item<float>(), 0.97 / Math.Sqrt(400), 1.03 / Math.Sqrt(400));
        Assert.InRange(p["hidden1.linear.weight"].std().item<float>(), 0.97 / Math.Sqrt(256), 1.03 / Math.Sqrt(256));
        Assert.InRange(p["hidden0.linear.weight"].mean().item<float>(), -0.002, 0.002);
        Assert.Equal(0f, p["hidden0.linear.bias"].abs().sum().item<float>());
        Assert.Equal(0f, p["output.bias"].abs().sum().item<float>());
        Assert.IsType<Microsoft.ML.Dropout.Modules.SeluAlphaDropout>(net.named_modules().Single(m => m.name == "hidden0.dropout").module);
    }

    [Fact]
    public void Build_ResidualWidths_WrapsEqualWidthLayersWithLinearDropPathRates()
    {
        using var net = MlpNetwork.Build(Arch(new[] { 8, 16, 16, 16, 16 }, residual: true, dropPath: 0.3), 4, 1);
        AssertRates(new[] { 0.0, 0.0, 0.0, 0.15, 0.3 }, net.DropPathRates);
        var names = net.named_modules().Select(m => m.name).ToHashSet();
        Assert.DoesNotContain("hidden0.drop_path", names);
        Assert.DoesNotContain("hidden1.drop_path", names);
        Assert.Contains("hidden2.drop_path", names);
        Assert.Contains("hidden4.drop_path", names);
        var snapshot = net.ToSnapshot(TaskKind.Regression);
        Assert.Equal(new[] { "hidden0.linear", "hidden0.norm", "hidden0.activation", "hidden0.dropout",
            "hidden1.linear", "hidden1.norm", "hidden1.activation", "hidden1.dropout", "hidden2", "hidden3", "hidden4", "output" },
            snapshot.Layers.Select(l => l.Name).ToArray());
        var block = Assert.IsType<ResidualBlock>(snapshot.Layers[8]);
        Assert.Equal(new[] { "hidden2.linear", "hidden2.norm", "hidden2.activation", "hidden2.dropout" }, block.Body.Select(l => l.Name).ToArray());
    }

    [Fact]
    public void Build_InvalidArchitectureOrSizes_Throws()
    {
        var alpha = Arch(new[] { 4 }, Activation.Relu, kind: DropoutKind.Alpha);
        var ex = Assert.Throws<ArgumentException>(() => MlpNetwork.Build(alpha, 3, 1));
        Assert.Contains("DropoutKind = Alpha", ex.Message);
        var size = Assert.Throws<ArgumentOutOfRangeException>(() => MlpNetwork.Build(Arch(new[] { 4 }), 0, 1));
        Assert.StartsWith("Invalid value for option 'inputSize': expected an integer ≥ 1. Received: 0.", size.Message);
    }

    [Fact]
    public void ToSnapshot_DropConnect_PlacesEachSiteRightBeforeTheDenseLayerItMasks()
    {
        var arch = Arch(new[] { 8, 8 }, kind: DropoutKind.DropConnect, residual: true, inputRate: 0.1);
        arch.DropoutRates = new[] { 0.2, 0.4 };
        using var net = MlpNetwork.Build(arch, 3, 2);
        var snapshot = net.ToSnapshot(TaskKind.MulticlassClassification);
        Assert.Equal(new[] { "input_dropout", "hidden0.linear", "hidden0.norm", "hidden0.activation", "hidden1", "hidden1.dropout", "output" },
            snapshot.Layers.Select(l => l.Name).ToArray());
        var input = Assert.IsType<DropoutLayer>(snapshot.Layers[0]);
        Assert.Equal(DropoutKind.Standard, input.Kind);
        var block = Assert.IsType<ResidualBlock>(snapshot.Layers[4]);
        Assert.Equal(new[] { "hidden0.dropout", "hidden1.linear", "hidden1.norm", "hidden1.activation" }, block.Body.Select(l => l.Name).ToArray());
        Assert.Equal(new DropoutLayer("hidden0.dropout", DropoutKind.DropConnect, 0.2), block.Body[0]);
        var last = Assert.IsType<DropoutLayer>(snapshot.Layers[5]);
        Assert.Equal(DropoutKind.DropConnect, last.Kind);
        Assert.Equal(0.4, last.Rate, 12);
        Assert.Equal(TaskKind.MulticlassClassification, snapshot.Task);
        Assert.Equal(3, snapshot.InputSize);
        Assert.Equal(2, snapshot.OutputSize);
    }

    [Fact]
    public void ToSnapshot_BinaryTaskWithSeveralOutputs_Throws()
    {
        using var net = MlpNetwork.Build(Arch(new[] { 4 }), 3, 2);
        var ex = Assert.Throws<ArgumentException>(() => net.ToSnapshot(TaskKind.BinaryClassification));
        Assert.StartsWith("A BinaryClassification snapshot needs OutputSize = 1, but this network has 2 outputs", ex.Message);
    }

    public static TheoryData<string> ParityCases => new() { "LayerNormGelu", "BatchNormRelu", "SeluNone", "Residual", "Silu", "DropConnect", "Concrete" };

    [Theory]
    [MemberData(nameof(ParityCases))]
    public void ToSnapshot_ManagedForward_ReproducesEvalModeTorchSharpOutputs(string name)
    {
        manual_seed(100);
        var arch = name switch
        {
            "LayerNormGelu" => Arch(new[] { 24, 12 }, Activation.Gelu, Normalization.LayerNorm, inputRate: 0.1),
            "BatchNormRelu" => Arch(new[] { 24, 12 }, Activation.Relu, Normalization.BatchNorm),
            "SeluNone" => Arch(new[] { 24, 12 }, Activation.Selu, Normalization.None, DropoutKind.Alpha, rate: 0.1, inputRate: 0.05),
            "Residual" => Arch(new[] { 16, 16, 16 }, Activation.Gelu, Normalization.LayerNorm, residual: true, dropPath: 0.2),
            "Silu" => Arch(new[] { 20, 10 }, Activation.Silu, Normalization.None, DropoutKind.Gaussian),
            "DropConnect" => Arch(new[] { 16, 16 }, Activation.Relu, Normalization.BatchNorm, DropoutKind.DropConnect, residual: true),
            "Concrete" => Arch(new[] { 16, 8 }, Activation.Gelu, Normalization.LayerNorm, DropoutKind.Concrete),
            _ => throw new ArgumentException(name),
        };
        using var net = MlpNetwork.Build(arch, 7, 3);
        RandomizeNormParameters(net);
        using (var warm = randn(64, 7).mul(3).add(2))
        {
            net.train();
            for (int i = 0; i < 4; i++)
                net.forward(warm).Dispose();
        }
        net.eval();
        using var x = randn(32, 7).mul(2);
        using var expected = net.forward(x);
        var snapshot = net.ToSnapshot(TaskKind.MulticlassClassification);
        Assert.DoesNotContain(snapshot.Layers, l => l.Name.EndsWith(".norm", StringComparison.Ordinal) && arch.Normalization == Normalization.BatchNorm);

        float[] inputs = x.data<float>().ToArray();
        float[] outputs = expected.data<float>().ToArray();
        for (int r = 0; r < 32; r++)
        {
            double[] managed = SnapshotReferenceEvaluator.Evaluate(snapshot, inputs.AsSpan(r * 7, 7).ToArray());
            for (int o = 0; o < 3; o++)
                Assert.True(Math.Abs(managed[o] - outputs[r * 3 + o]) <= 1e-5 * (1 + Math.Abs(outputs[r * 3 + o])),
                    $"{name} row {r} output {o}: managed {managed[o]} vs torch {outputs[r * 3 + o]}");
        }
    }

    [Fact]
    public void ToSnapshot_BatchNorm_FoldsRunningStatisticsThatAreNonTrivial()
    {
        manual_seed(7);
        using var net = MlpNetwork.Build(Arch(new[] { 6 }, Activation.Relu, Normalization.BatchNorm), 3, 1);
        using (var warm = randn(128, 3).mul(4).add(5))
        {
            net.train();
            for (int i = 0; i < 3; i++)
                net.forward(warm).Dispose();
        }
        var bn = (TorchSharp.Modules.BatchNorm1d)net.named_modules().Single(m => m.name == "hidden0.norm").module;
        Assert.True(bn.running_mean!.abs().max().item<float>() > 0.5f);
        var dense = Assert.IsType<DenseLayer>(net.ToSnapshot(TaskKind.Regression).Layers[0]);
        var raw = net.named_parameters().Single(p => p.name == "hidden0.linear.weight").parameter.data<float>().ToArray();
        Assert.NotEqual(raw, dense.Weight);
    }

    [Theory]
    [InlineData(DropoutKind.DropConnect)]
    [InlineData(DropoutKind.Concrete)]
    public void To_Float64_ConvertsCustomParametersAndStillRuns(DropoutKind kind)
    {
        manual_seed(10);
        using var net = MlpNetwork.Build(Arch(new[] { 8, 8 }, kind: kind), 5, 2);
        net.to(ScalarType.Float64);
        Assert.All(net.named_parameters(), p => Assert.Equal(ScalarType.Float64, p.parameter.dtype));
        Assert.Equal(net.parameters().Count(), net.named_parameters().Select(p => p.name).Distinct().Count());
        using var x = randn(4, 5, dtype: ScalarType.Float64);
        net.train();
        using var y = net.forward(x);
        Assert.Equal(ScalarType.Float64, y.dtype);
        y.sum().backward();
        using var reg = net.ConcreteDropoutRegularization();
        Assert.True(double.IsFinite(reg.to_type(ScalarType.Float64).item<double>()));
    }

    public static TheoryData<string> LeakCases => new() { "Standard", "Gaussian", "Alpha", "DropConnect", "Concrete", "ResidualBatchNorm" };

    [Theory]
    [MemberData(nameof(LeakCases))]
    public void Forward_TrainAndEvalWithoutScope_LeavesOnlyTheOutputAlive(string name)
    {
        manual_seed(9);
        var arch = name switch
        {
            "Standard" => Arch(new[] { 8, 8 }, inputRate: 0.1),
            "Gaussian" => Arch(new[] { 8, 8 }, kind: DropoutKind.Gaussian, inputRate: 0.1),
            "Alpha" => Arch(new[] { 8, 8 }, Activation.Selu, Normalization.None, DropoutKind.Alpha, inputRate: 0.1),
            "DropConnect" => Arch(new[] { 8, 8 }, kind: DropoutKind.DropConnect),
            "Concrete" => Arch(new[] { 8, 8 }, kind: DropoutKind.Concrete),
            "ResidualBatchNorm" => Arch(new[] { 8, 8, 8 }, Activation.Relu, Normalization.BatchNorm, residual: true, dropPath: 0.2),
            _ => throw new ArgumentException(name),
        };
        using var net = MlpNetwork.Build(arch, 5, 2);
        using var x = randn(16, 5);
        var stats = DisposeScopeManager.Statistics;
        foreach (bool training in new[] { true, false })
        {
            net.train(training);
            long before = stats.ThreadTotalLiveCount;
            using (var y = net.forward(x))
                Assert.Equal(before + 1, stats.ThreadTotalLiveCount);
            _ = net.CurrentDropoutRates;
            net.ConcreteDropoutRegularization().Dispose();
            _ = net.ToSnapshot(TaskKind.MulticlassClassification);
            Assert.Equal(before, stats.ThreadTotalLiveCount);
        }
    }

    private static void RandomizeNormParameters(MlpNetwork net)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in net.named_parameters())
            if (name.Contains(".norm.", StringComparison.Ordinal))
                parameter.copy_(rand_like(parameter).add(0.5).mul(name.EndsWith("weight", StringComparison.Ordinal) ? 1 : 0.5));
    }

    private static void AssertRates(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i], actual[i], 10);
    }
}
