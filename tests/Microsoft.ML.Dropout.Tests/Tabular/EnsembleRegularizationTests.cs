using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using Microsoft.ML.Dropout.Tests.Training;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Tabular;

/// <summary>The regularizers keep working with EnsembleSize &gt; 1 (issue 10, scope 3): max-norm on the right weights, residual blocks with DropPath.</summary>
[Collection("Sequential")]
public class EnsembleRegularizationTests
{
    private static MlpSnapshot FitEnsemble(double? maxNorm, EnsembleKind kind = EnsembleKind.BatchEnsemble)
    {
        var options = TrainerTestOptions.Small(maxEpochs: 3);
        options.EnsembleSize = 4;
        options.EnsembleKind = kind;
        options.MaxNorm = maxNorm;
        options.EarlyStoppingPatience = null;
        return new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(SyntheticData.FourClass(200, 12, 4, seed: 61)).Model;
    }

    /// <summary>L2 norm of each of <paramref name="count"/> vectors of <paramref name="length"/> values; value(v, i) is the i-th of vector v.</summary>
    private static IEnumerable<double> Norms(int count, int length, Func<int, int, float> value) =>
        Enumerable.Range(0, count).Select(v => Math.Sqrt(Enumerable.Range(0, length).Sum(i => (double)value(v, i) * value(v, i))));

    /// <summary>Shared rows W_o of every BatchEnsemble layer.</summary>
    private static IEnumerable<double> SharedRowNorms(MlpSnapshot s) => s.Layers.OfType<BatchEnsembleLayer>()
        .SelectMany(l => Norms(l.OutputSize, l.InputSize, (o, i) => l.Weight[o * l.InputSize + i]));

    /// <summary>Incoming weights [m, :, o] of every member's output unit.</summary>
    private static IEnumerable<double> HeadUnitNorms(MlpSnapshot s) => s.Layers.OfType<LinearEnsembleLayer>()
        .SelectMany(l => Norms(l.Members * l.OutputSize, l.InputSize,
            (u, i) => l.Weight[(u / l.OutputSize) * l.InputSize * l.OutputSize + i * l.OutputSize + u % l.OutputSize]));

    /// <summary>Rows r_m of the first layer's input adapters (random signs at the start: norm √in).</summary>
    private static IEnumerable<double> AdapterRowNorms(MlpSnapshot s)
    {
        var first = s.Layers.OfType<BatchEnsembleLayer>().First();
        return Norms(first.Members, first.InputSize, (m, i) => first.R[m * first.InputSize + i]);
    }

    [Fact]
    public void Fit_EnsembleMaxNorm_BoundsSharedRowsAndEachMembersHeadUnitsNotTheAdapters()
    {
        const double bound = 0.4;
        var free = FitEnsemble(null);
        Assert.True(SharedRowNorms(free).Max() > bound && HeadUnitNorms(free).Max() > bound, "precondition: unconstrained norms exceed the bound");

        var constrained = FitEnsemble(bound);
        Assert.All(SharedRowNorms(constrained), n => Assert.True(n <= bound + 1e-5, $"shared row norm {n:F6} > MaxNorm {bound}"));
        Assert.All(HeadUnitNorms(constrained), n => Assert.True(n <= bound + 1e-5, $"head unit norm {n:F6} > MaxNorm {bound}"));
        // The adapters multiply the shared rows; they are not incoming weights and keep their scale (√12 ≈ 3.5 at the start).
        Assert.All(AdapterRowNorms(constrained), n => Assert.True(n > 1, $"adapter row norm {n:F3}: max-norm rescaled an adapter"));
    }

    [Fact]
    public void Fit_MiniEnsembleMaxNorm_BoundsTheSharedLinearRowsNotTheMembersScaling()
    {
        const double bound = 0.4;
        var constrained = FitEnsemble(bound, EnsembleKind.Mini);
        Assert.All(SharedRowNorms(constrained), n => Assert.True(n <= bound + 1e-5, $"shared row norm {n:F6} > MaxNorm {bound}"));
        Assert.All(HeadUnitNorms(constrained), n => Assert.True(n <= bound + 1e-5, $"head unit norm {n:F6} > MaxNorm {bound}"));
        var scale = constrained.Layers.OfType<EnsembleScaleLayer>().Single();
        Assert.All(Norms(scale.Members, scale.Size, (m, i) => scale.Scale[m * scale.Size + i]),
            n => Assert.True(n > 1, $"member scaling norm {n:F3}: max-norm rescaled TabM-mini's scaling"));
    }

    [Fact]
    public void Fit_EnsembleWithResidualDropPath_TrainsAndManagedMatchesOnnx()
    {
        var options = TrainerTestOptions.Small(maxEpochs: 3);
        options.HiddenLayers = new[] { 16, 16, 16 };
        options.EnsembleSize = 4;
        options.Residual = true;
        options.DropPathRate = 0.3;
        var data = SyntheticData.FourClass(200, 12, 4, seed: 62);
        var snapshot = new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(data).Model;
        Assert.Equal(2, snapshot.Layers.OfType<ResidualBlock>().Count());
        float[] managed = Dropout.Inference.SnapshotEvaluator.Forward(snapshot, data.Features, data.RowCount);
        float[] onnx = Export.OrtRunner.Run(Dropout.Export.OnnxExporter.Export(snapshot), data.Features, data.RowCount, data.FeatureCount)["RawOutput"].Values;
        Export.OrtRunner.AssertClose(managed, onnx, 1e-5);
    }

    /// <summary>The rate of every standard dropout module at each epoch's first batch.</summary>
    private sealed class DropoutRateProbe : ITrainingCallback
    {
        public Dictionary<int, double[]> RatesInForce { get; } = new();

        public void OnBatchBegin(TrainingContext context)
        {
            if (context.Batch == 0)
                RatesInForce[context.Epoch] = context.Model.modules().OfType<Dropout.Modules.InvertedDropout>().Select(d => d.Rate).ToArray();
        }
    }

    [Fact]
    public void Fit_EnsembleDropoutSchedule_EveryMembersSitesUseTheScheduledRateEachEpoch()
    {
        var options = TrainerTestOptions.Small(maxEpochs: 6);
        options.EnsembleSize = 4;
        options.EarlyStoppingPatience = null;
        options.DropoutRate = 0.2;
        options.DropoutSchedule = new Dropout.Schedules.FlatCosineDropoutSchedule();
        var probe = new DropoutRateProbe();
        options.Callbacks.Add(probe);
        var history = new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(SyntheticData.FourClass(120, 12, 4, seed: 63)).History;
        Assert.Equal(6, history.Count);
        foreach (var epoch in history)
        {
            double expected = new Dropout.Schedules.FlatCosineDropoutSchedule().RateAt(epoch.Epoch - 1, 6, 0.2);
            Assert.Equal(new[] { expected, expected }, epoch.DropoutRates);
            Assert.Equal(new[] { expected, expected }, probe.RatesInForce[epoch.Epoch]);
        }
        Assert.NotEqual(history[0].DropoutRates, history[^1].DropoutRates);
    }
}
