using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Tests.Uncertainty;

public class McDropoutCatalogTests
{
    private const int Inputs = 4;

    private sealed class Row
    {
        [VectorType(Inputs)] public float[] Features { get; set; } = Array.Empty<float>();
    }

    private sealed class Uncertainty
    {
        public float[] McMean { get; set; } = Array.Empty<float>();
        public float[] McStd { get; set; } = Array.Empty<float>();
        public float[] McEntropy { get; set; } = Array.Empty<float>();
        public float[] McMutualInformation { get; set; } = Array.Empty<float>();
    }

    private static MlpSnapshot Network(TaskKind task, int outputs, double rate)
    {
        var random = new Random(5);
        float[] W(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        return new MlpSnapshot(Inputs, outputs, task, new SnapshotLayer[]
        {
            new DenseLayer("hidden0.linear", Inputs, 16, W(16 * Inputs), W(16)),
            new ActivationLayer("hidden0.activation", Activation.Relu),
            new DropoutLayer("hidden0.dropout", DropoutKind.Standard, rate),
            new DenseLayer("output", 16, outputs, W(16 * outputs), W(outputs)),
        });
    }

    private static IDataView Rows(MLContext ml) => ml.Data.LoadFromEnumerable(Enumerable.Range(0, 20)
        .Select(i => new Row { Features = new[] { i * 0.1f, 1 - i * 0.05f, 0.3f, -i * 0.02f } }).ToList());

    [Fact]
    public void McDropoutUncertainty_SameRow_SameColumnsOnEveryTransformAndAtAnyPosition()
    {
        var ml = new MLContext(seed: 1);
        var data = Rows(ml);
        var transformer = ml.Transforms.McDropoutUncertainty(Network(TaskKind.BinaryClassification, 1, 0.3), passes: 20, seed: 7).Fit(data);
        float[][] Std(IDataView view) => transformer.Transform(view).GetColumn<float[]>("McStd").ToArray();

        var first = Std(data);
        var second = Std(data);
        var shifted = Std(ml.Data.SkipRows(data, 5));

        Assert.Equal(first, second);
        Assert.Equal(first.Skip(5), shifted);
        Assert.Contains(first, s => s[0] > 0);
    }

    [Fact]
    public void McDropoutUncertainty_MulticlassModel_AddsColumnsThatSurviveSaveAndLoad()
    {
        var ml = new MLContext(seed: 1);
        var data = Rows(ml);
        var transformer = ml.Transforms.McDropoutUncertainty(Network(TaskKind.MulticlassClassification, 3, 0.3), passes: 50, seed: 7).Fit(data);
        var before = ml.Data.CreateEnumerable<Uncertainty>(transformer.Transform(data), reuseRowObject: false).ToList();

        string path = Path.Combine(Path.GetTempPath(), $"mc-{Guid.NewGuid():N}.zip");
        ml.Model.Save(transformer, data.Schema, path);
        var fresh = new MLContext();
        var loaded = fresh.Model.Load(path, out _);
        var after = fresh.Data.CreateEnumerable<Uncertainty>(loaded.Transform(Rows(fresh)), reuseRowObject: false).ToList();
        File.Delete(path);

        Assert.Equal(20, before.Count);
        for (int i = 0; i < before.Count; i++)
        {
            Assert.Equal(3, before[i].McMean.Length);
            Assert.Equal(1, before[i].McMean.Sum(), 4);
            Assert.Contains(before[i].McStd, s => s > 0);
            Assert.InRange(before[i].McMutualInformation[0], -1e-5f, before[i].McEntropy[0] + 1e-5f);
            Assert.Equal(before[i].McMean, after[i].McMean);
            Assert.Equal(before[i].McStd, after[i].McStd);
        }
    }

    [Fact]
    public void McDropoutUncertainty_NetworkWithoutDropout_ThrowsWithFix()
    {
        var ml = new MLContext(seed: 1);
        var ex = Assert.Throws<ArgumentException>(() => ml.Transforms.McDropoutUncertainty(Network(TaskKind.BinaryClassification, 1, 0)));
        Assert.StartsWith("The network has no dropout site with a rate > 0", ex.Message);
    }
}
