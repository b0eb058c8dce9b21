using Microsoft.ML.Dropout.Training;
using TorchSharp;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>No silent NaN model: a non-finite validation loss or final weights end Fit with an error naming the likely cause.</summary>
[Collection("Sequential")]
public class DivergenceDiagnosisTests
{
    private static MlpTrainerOptions Small() => TrainerTestOptions.Small(maxEpochs: 3);

    private static void Poison(TrainingContext context, string parameter)
    {
        using var noGrad = torch.no_grad();
        context.Model.named_parameters().First(p => p.name == parameter).parameter.fill_(float.NaN);
    }

    [Fact]
    public void Fit_ValidationLossTurnsNaN_ThrowsNamingEpochAndTheExtremeValidationFeature()
    {
        var train = SyntheticData.FourClass(64, 8, 4, seed: 71);
        var valid = SyntheticData.FourClass(32, 8, 4, seed: 72);
        valid.Features[5 * 8 + 3] = 2e7f;
        var options = Small();
        options.WeightAveragingDecay = null; // the poisoned live weights must be the ones validated
        options.Callbacks.Add(new RecordingCallback { OnBatchEndAction = ctx => { if (ctx.Epoch == 2 && ctx.Batch == 1) Poison(ctx, "output.bias"); } });
        var ex = Assert.Throws<InvalidOperationException>(() => new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(train, valid));
        Assert.StartsWith("Validation loss is NaN after epoch 2 although the training loss was ", ex.Message);
        Assert.EndsWith(". Likely causes: feature 3 of validation row 5 is 2E+07: standardize the features (e.g. NormalizeMeanVariance); " +
                        "LearningRate = 0.01 may be too high: try it 10 times lower.", ex.Message);
    }

    [Fact]
    public void Fit_FinalWeightsNaN_ThrowsNamingTheParameterAndWeightDecay()
    {
        var options = Small();
        options.ValidationFraction = 0;
        options.WeightDecay = 20;
        options.Callbacks.Add(new RecordingCallback { OnTrainEndAction = ctx => Poison(ctx, "output.weight") });
        var ex = Assert.Throws<InvalidOperationException>(() => new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(SyntheticData.FourClass(64, 8, 4, seed: 73)));
        Assert.Equal("The trained network has non-finite values in 'output.weight' after 3 epoch(s). Likely causes: " +
                     "WeightDecay = 20 with LearningRate = 0.01 scales every weight by 0.8 per step: lower WeightDecay; " +
                     "LearningRate = 0.01 may be too high: try it 10 times lower.", ex.Message);
    }

    [Fact]
    public void Fit_BatchNormWithOneRowBatches_ErrorNamesBatchNorm()
    {
        var options = Small();
        options.Normalization = Normalization.BatchNorm;
        options.BatchSize = 1;
        var ex = Assert.ThrowsAny<Exception>(() => new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(SyntheticData.FourClass(40, 8, 4, seed: 74)));
        Assert.Contains("BatchNorm", ex.Message);
    }
}
