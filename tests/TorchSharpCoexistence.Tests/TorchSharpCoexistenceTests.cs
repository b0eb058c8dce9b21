using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.TorchSharpCoexistence.Tests;

/// <summary>
/// With Microsoft.ML.TorchSharp 0.23.1 loaded in the same process, our trainer trains and scores, and the process
/// holds one libtorch (TorchSharp 0.107's, which both packages resolve to).
/// </summary>
public sealed class TorchSharpCoexistenceTests
{
    public sealed class Row
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    private static List<Row> Rows(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var x = Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble()).ToArray();
            return new Row { Features = x, Label = x[0] + 0.3 * (random.NextDouble() - 0.5) > 0.5 };
        }).ToList();
    }

    [Fact]
    public void OurTrainer_WithMicrosoftMLTorchSharpLoaded_TrainsAndScoresWithOneLibtorch()
    {
        var ml = new MLContext(0);
        // Load Microsoft.ML.TorchSharp and register its catalog, as an app using both would.
        var theirs = typeof(Microsoft.ML.TorchSharp.NasBert.TextClassificationTrainer).Assembly;
        Assert.Contains(AppDomain.CurrentDomain.GetAssemblies(), a => a == theirs);
        Assert.Equal(new Version(0, 107, 0, 0), typeof(global::TorchSharp.torch).Assembly.GetName().Version);

        var train = ml.Data.LoadFromEnumerable(Rows(400, 1));
        var test = ml.Data.LoadFromEnumerable(Rows(200, 2));
        var model = ml.BinaryClassification.Trainers.RegularizedMlp(new Estimators.RegularizedMlpBinaryTrainer.Options
        {
            HiddenLayers = new[] { 16 }, MaxEpochs = 15, BatchSize = 32, LearningRate = 0.01, EarlyStoppingPatience = null, Seed = 1,
        }).Fit(train);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(test));

        Assert.True(metrics.Accuracy > 0.8, $"accuracy {metrics.Accuracy}");
        var libtorch = File.ReadAllLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
            .Where(path => Path.GetFileName(path) == "libtorch_cpu.so").Distinct().ToList();
        Assert.Single(libtorch);
    }
}
