using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Metrics;
using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Tests.Export;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Tabular;

/// <summary>An ensemble's temperature divides every member's logits: TorchSharp, managed evaluator, ONNX and the fit agree.</summary>
[Collection("Sequential")]
public class EnsembleTemperatureTests
{
    private const double T = 2.5;
    private const int Rows = 40, Inputs = 5, Members = 4;

    private static (EnsembleMlp Model, MlpSnapshot Snapshot) Ensemble(TaskKind task, int outputs)
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(11);
        var model = new EnsembleMlp(Inputs, outputs, task, new[] { 12 }, Activation.Relu, 0.0, Members, EnsembleKind.BatchEnsemble);
        model.eval();
        using (no_grad())                                                        // large logits, so the temperature matters
            foreach (var (name, p) in model.named_parameters())
                if (name.StartsWith("heads", StringComparison.Ordinal)) p.mul_(6);
        return (model, new MlpSnapshot(Inputs, outputs, task, model.ToSnapshotLayers()) { Temperature = T });
    }

    /// <summary>mean_i σ(z_i/T) (binary, one value per row) or mean_i softmax(z_i/T) (multiclass), from the members' outputs.</summary>
    private static float[] MeanOfTemperedMembers(EnsembleMlp model, float[] rows, TaskKind task, int outputs)
    {
        using var x = tensor(rows, new long[] { Rows, Inputs });
        using var z = model.MemberOutputs(x);
        using var tempered = z / T;
        using var p = task == TaskKind.BinaryClassification ? tempered.sigmoid() : tempered.softmax(-1);
        using var mean = p.mean(new long[] { 1 });
        return mean.contiguous().data<float>().ToArray();
    }

    [Theory]
    [InlineData(TaskKind.BinaryClassification, 1)]
    [InlineData(TaskKind.MulticlassClassification, 3)]
    public void Temperature_DividesEveryMembersLogits_TorchManagedAndOnnxAgree(TaskKind task, int outputs)
    {
        var (model, snapshot) = Ensemble(task, outputs);
        using var _ = model;
        float[] rows = TestSnapshots.Rows(Rows, Inputs, seed: 4, scale: 2);
        float[] expected = MeanOfTemperedMembers(model, rows, task, outputs);

        float[] torchProbabilities;
        using (var x = tensor(rows, new long[] { Rows, Inputs }))
        using (no_grad())
        using (var score = model.Forward(x, T))
        using (var p = task == TaskKind.BinaryClassification ? score.sigmoid() : score.softmax(-1))
            torchProbabilities = p.contiguous().data<float>().ToArray();
        float[] managed = SnapshotEvaluator.Probabilities(snapshot, SnapshotEvaluator.Forward(snapshot, rows, Rows), Rows);
        var onnx = OrtRunner.Run(OnnxExporter.Export(snapshot, new OnnxExportOptions { ScoreOutputName = "Score", ProbabilityOutputName = "Probability" }), rows, Rows, Inputs);

        OrtRunner.AssertClose(expected, torchProbabilities);
        OrtRunner.AssertClose(expected, managed);
        OrtRunner.AssertClose(expected, onnx["Probability"].Values);
        OrtRunner.AssertClose(onnx["RawOutput"].Values, SnapshotEvaluator.Forward(snapshot, rows, Rows), 1e-4);

        // The old rule (the mean logit divided by T) gives other probabilities: this test tells them apart.
        float[] untempered = SnapshotEvaluator.Forward(snapshot with { Temperature = 1 }, rows, Rows);
        float[] old = task == TaskKind.BinaryClassification ? SnapshotEvaluator.Sigmoid(untempered, T) : SnapshotEvaluator.Softmax(untempered, Rows, outputs, T);
        Assert.True(old.Zip(expected, (a, b) => Math.Abs(a - b)).Max() > 1e-3, "the test data cannot tell a tempered mean logit from tempered members");
    }

    [Fact]
    public void McDropout_EnsembleWithTemperature_MeanProbabilityIsTheTemperedMembersMean()
    {
        var (model, snapshot) = Ensemble(TaskKind.MulticlassClassification, 3);
        using var _ = model;
        float[] rows = TestSnapshots.Rows(Rows, Inputs, seed: 5, scale: 2);
        var mc = SnapshotEvaluator.McDropout(snapshot, rows, Rows, passes: 3, seed: 1);   // rates 0: every pass is the prediction
        OrtRunner.AssertClose(MeanOfTemperedMembers(model, rows, TaskKind.MulticlassClassification, 3), mc.MeanProbability!);
    }

    [Fact]
    public void Probabilities_ApplyTemperatureFalseOnATemperedEnsemble_IsRefusedWithTheFix()
    {
        var (model, snapshot) = Ensemble(TaskKind.BinaryClassification, 1);
        using var _ = model;
        float[] raw = SnapshotEvaluator.Forward(snapshot, TestSnapshots.Rows(2, Inputs), 2);
        var error = Assert.Throws<ArgumentException>(() => SnapshotEvaluator.Probabilities(snapshot, raw, 2, applyTemperature: false));
        Assert.Contains("Temperature = 1", error.Message);
    }

    [Fact]
    public void TemperatureScaling_Ensemble_FitsTheTemperatureOfTheAveragedPrediction()
    {
        var (model, tempered) = Ensemble(TaskKind.BinaryClassification, 1);
        using var _ = model;
        var snapshot = tempered with { Temperature = 1 };
        const int n = 400;
        float[] rows = TestSnapshots.Rows(n, Inputs, seed: 6, scale: 2);
        // Labels drawn from the ensemble softened at T = 3, so the fitted T is well above 1.
        float[] truth = SnapshotEvaluator.Probabilities(snapshot with { Temperature = 3 }, SnapshotEvaluator.Forward(snapshot with { Temperature = 3 }, rows, n), n);
        var rng = new Random(2);
        var labels = truth.Select(p => rng.NextDouble() < p ? 1f : 0f).ToArray();
        var heldOut = new TrainingData(rows, n, Inputs, labels);

        var fit = TemperatureScaling.FitWithReport(snapshot, heldOut);

        double Nll(double t)
        {
            var s = snapshot with { Temperature = t };
            float[] p = SnapshotEvaluator.Probabilities(s, SnapshotEvaluator.Forward(s, rows, n), n);
            return -p.Select((q, i) => Math.Log(labels[i] == 1 ? Math.Max(q, 1e-12) : Math.Max(1 - q, 1e-12))).Average();
        }
        Assert.True(fit.Temperature > 1.5, $"T = {fit.Temperature}");
        Assert.Equal(n, fit.Rows);
        Assert.False(fit.Separated);
        Assert.Equal(Nll(fit.Temperature), fit.NllAfter, 4);
        Assert.Equal(Nll(1), fit.NllBefore, 4);
        Assert.True(Nll(fit.Temperature) <= Nll(fit.Temperature * 1.1) && Nll(fit.Temperature) <= Nll(fit.Temperature / 1.1));
    }
}
