using Microsoft.ML;
using Microsoft.ML.Dropout;
using MLNetRegularization.Bench.Quality.Suite;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality.Tests;

/// <summary>The evaluation every trainer of the suite goes through.</summary>
public sealed class ModelEvaluatorTests : IDisposable
{
    private readonly TemporaryFolder _temporary = new("evaluator-");

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public void Run_MulticlassTestRowOfAClassTheTrainingPartLacks_IsLeftOutOfTheEceInsteadOfFailingTheDataset()
    {
        // Rows 1–40 train (classes a, b), rows 41–50 test, one of them of class "rare" that training never saw: its
        // label becomes the missing key. ML.NET's evaluator leaves it out of accuracy; the ECE must too (it threw).
        var random = new Random(3);
        var lines = new List<string> { "\"x\",\"y\"" };
        for (int i = 0; i < 50; i++)
        {
            double x = random.NextDouble() * 2 - 1;
            lines.Add($"{x.ToString(System.Globalization.CultureInfo.InvariantCulture)},\"{(i == 44 ? "rare" : x > 0 ? "a" : "b")}\"");
        }
        Directory.CreateDirectory(Path.Combine(_temporary.Path, "rare"));
        File.WriteAllLines(Path.Combine(_temporary.Path, "rare", "rare.csv"), lines);
        var ml = new MLContext(0);
        var file = DelimitedFile.FromRCsv(_temporary.Path, "rare", "rare.csv", "y", TaskKind.MulticlassClassification, out _)! with { OfficialTrainRows = 40 };
        var data = file.Load(ml, _temporary.Path, "official");
        var (train, test) = data.Official!.Value;
        var split = data.Featurize(ml, "rare", train, test, NumericScaling.MeanVariance);
        var trainer = new TrainerCandidate("maximum entropy", (m, _) => m.MulticlassClassification.Trainers.SdcaMaximumEntropy());

        var (result, _) = ModelEvaluator.Run(ml, split, trainer);

        Assert.NotNull(result.Ece);
        Assert.InRange(result.Ece!.Value, 0, 1);
        Assert.InRange(result.Accuracy!.Value, 0.5, 1);
    }
}
