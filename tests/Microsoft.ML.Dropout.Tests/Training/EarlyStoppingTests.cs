using Microsoft.ML.Dropout.Training;
using Microsoft.ML.Dropout.Training.Callbacks;

namespace Microsoft.ML.Dropout.Tests.Training;

public class EarlyStoppingTests
{
    /// <summary>Feeds the losses in order and returns the 1-based epoch of the first stop (0 = never stopped).</summary>
    private static int StopEpoch(EarlyStopping es, double[] values)
    {
        for (int i = 0; i < values.Length; i++)
            if (es.Evaluate(values[i]).Stop)
                return i + 1;
        return 0;
    }

    [Theory]
    [InlineData(new[] { 1.0, 0.9, 0.8, 0.7, 0.6 }, 2, 0.0, 0)]
    [InlineData(new[] { 1.0, 0.9, 0.95, 0.96, 0.5 }, 2, 0.0, 4)]
    [InlineData(new[] { 1.0, 0.9, 0.95, 0.85, 0.86, 0.87, 0.88 }, 3, 0.0, 7)]
    [InlineData(new[] { 1.0, 1.1 }, 0, 0.0, 2)]
    [InlineData(new[] { 1.0, 0.99, 0.98, 0.97 }, 2, 0.05, 3)]
    [InlineData(new[] { 1.0, 0.99, 0.98, 0.97 }, 2, 0.005, 0)]
    [InlineData(new[] { 1.0, double.NaN, double.NaN }, 2, 0.0, 3)]
    public void Evaluate_LossSequence_StopsAfterPatienceEpochsWithoutImprovement(double[] losses, int patience, double minDelta, int expectedStopEpoch)
        => Assert.Equal(expectedStopEpoch, StopEpoch(new EarlyStopping(patience, minDelta, mode: MonitorMode.Min), losses));

    [Theory]
    [InlineData(new[] { 0.5, 0.6, 0.6, 0.6 }, 2, 4)]
    [InlineData(new[] { 0.5, 0.6, 0.7, 0.8 }, 2, 0)]
    public void Evaluate_AccuracyMaxMode_HigherIsImprovement(double[] accuracies, int patience, int expectedStopEpoch)
        => Assert.Equal(expectedStopEpoch, StopEpoch(new EarlyStopping(patience, mode: MonitorMode.Max), accuracies));

    [Fact]
    public void Evaluate_Stop_ReasonNamesMetricBestAndEpoch()
    {
        var es = new EarlyStopping(patience: 1, mode: MonitorMode.Min);
        es.Evaluate(0.5);
        var (stop, reason) = es.Evaluate(0.7);
        Assert.True(stop);
        Assert.Equal("ValidationLoss did not improve by more than 0 for 1 epochs (best 0.5 at epoch 1).", reason);
    }

    [Fact]
    public void OnTrainBegin_ReusedInstance_ResetsStateAndResolvesAutoMode()
    {
        var es = new EarlyStopping(patience: 1, metric: EarlyStoppingMetric.ValidationMetric);
        var options = new MlpTrainerOptions();
        es.OnTrainBegin(new TrainingContext(options, TrainingTask.Multiclass(3), 10, 5));
        Assert.False(es.Evaluate(0.5).Stop);
        Assert.False(es.Evaluate(0.6).Stop); // accuracy: higher is better
        Assert.True(es.Evaluate(0.55).Stop);
        es.OnTrainBegin(new TrainingContext(options, TrainingTask.Multiclass(3), 10, 5));
        Assert.Equal(double.NegativeInfinity, es.Best);
        Assert.Equal(0, es.Wait);
        Assert.Equal(0, es.StoppedEpoch);
    }
}
