using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Datasets;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>Seeded synthetic data sets; feature A carries the signal, B weakly, C and D are noise.</summary>
internal static class SyntheticData
{
    public sealed class BinaryRow
    {
        public float A { get; set; }
        public float B { get; set; }
        public float C { get; set; }
        public float D { get; set; }
        public bool Label { get; set; }
    }

    public sealed class MulticlassRow
    {
        public float A { get; set; }
        public float B { get; set; }
        public float C { get; set; }
        public float D { get; set; }
        public string Label { get; set; } = "";
    }

    public sealed class RegressionRow
    {
        public float A { get; set; }
        public float B { get; set; }
        public float C { get; set; }
        public float D { get; set; }
        public float Label { get; set; }
    }

    public sealed class FeaturesRow
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [];
    }

    public static readonly string[] Inputs = SyntheticTabular.FeatureNames.ToArray();

    public static IEnumerable<BinaryRow> Binary(int n, int seed) =>
        Rows(SyntheticTabular.Binary(n, seed), (x, label) => new BinaryRow { A = x[0], B = x[1], C = x[2], D = x[3], Label = label == 1 });

    public static IEnumerable<MulticlassRow> Multiclass(int n, int seed)
    {
        string[] names = { "low", "mid", "high" };
        return Rows(SyntheticTabular.Multiclass(n, seed), (x, label) => new MulticlassRow { A = x[0], B = x[1], C = x[2], D = x[3], Label = names[(int)label] });
    }

    public static IEnumerable<RegressionRow> Regression(int n, int seed) =>
        Rows(SyntheticTabular.Regression(n, seed), (x, label) => new RegressionRow { A = x[0], B = x[1], C = x[2], D = x[3], Label = label });

    private static IEnumerable<TRow> Rows<TRow>(TrainingData table, Func<float[], float, TRow> row) =>
        Enumerable.Range(0, table.RowCount).Select(r => row(table.Features[(r * 4)..(r * 4 + 4)], table.Labels[r]));

    public static IEstimator<ITransformer> Featurize(MLContext ml) =>
        ml.Transforms.Concatenate("Features", Inputs).Append(ml.Transforms.NormalizeMinMax("Features"));

    /// <summary>A random network (seeded): Dense → LayerNorm → GELU → Dropout → Dense.</summary>
    public static MlpSnapshot RandomSnapshot(TaskKind task, int inputs, int outputs, int seed, double temperature = 1, double scale = 1, double shift = 0)
    {
        var r = new Random(seed);
        float[] Rand(int count, double s) => Enumerable.Range(0, count).Select(_ => (float)((r.NextDouble() * 2 - 1) * s)).ToArray();
        const int hidden = 8;
        var layers = new List<SnapshotLayer>
        {
            new DenseLayer("hidden0.linear", inputs, hidden, Rand(hidden * inputs, 1.5), Rand(hidden, 0.5)),
            new LayerNormLayer("hidden0.norm", hidden, Rand(hidden, 0.5).Select(v => v + 1).ToArray(), Rand(hidden, 0.2), 1e-5f),
            new ActivationLayer("hidden0.act", Activation.Gelu),
            new DropoutLayer("hidden0.dropout", DropoutKind.Standard, 0.3),
            new DenseLayer("output", hidden, outputs, Rand(outputs * hidden, 1.5), Rand(outputs, 0.5)),
        };
        return new MlpSnapshot(inputs, outputs, task, layers) { Temperature = temperature, OutputScale = scale, OutputShift = shift };
    }

}
