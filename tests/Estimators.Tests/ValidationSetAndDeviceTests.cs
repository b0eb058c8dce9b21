using Microsoft.Extensions.Logging;
using Microsoft.ML;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>
/// ML.NET TorchSharp trainers' conventions: a ValidationSet option used by a one-argument Fit (an explicit
/// Fit(train, validation) wins), and GpuDeviceId/FallbackToCpu with MLContext's meaning (no CUDA package here).
/// </summary>
[Collection("Sequential")]
public sealed class ValidationSetAndDeviceTests
{
    [Fact]
    public void PipelineFit_WithValidationSetOption_MonitorsThatSet()
    {
        var ml = new MLContext(0);
        var train = TestModels.BinaryData(ml, rows: 300, seed: 21);
        var featurizer = SyntheticData.Featurize(ml).Fit(train);
        var valid = featurizer.Transform(TestModels.BinaryData(ml, rows: 137, seed: 22));
        var options = TestModels.BinaryOptions();
        options.ValidationSet = valid;

        var model = SyntheticData.Featurize(ml).Append(ml.BinaryClassification.Trainers.RegularizedMlp(options)).Fit(train).LastTransformer.Model;

        Assert.Equal((300, 137), (model.Settings!.TrainingRows, model.Settings.ValidationRows));
    }

    [Fact]
    public void Fit_ExplicitValidationArgument_WinsOverValidationSetOption()
    {
        var ml = new MLContext(0);
        var train = TestModels.FeaturizedBinary(ml, rows: 300, seed: 21);
        var options = TestModels.BinaryOptions();
        options.ValidationSet = TestModels.FeaturizedBinary(ml, rows: 137, seed: 22);
        var trainer = ml.BinaryClassification.Trainers.RegularizedMlp(options);

        var model = trainer.Fit(train, TestModels.FeaturizedBinary(ml, rows: 111, seed: 23)).Model;

        Assert.Equal((300, 111), (model.Settings!.TrainingRows, model.Settings.ValidationRows));
    }

    [Fact]
    public void Fit_GpuWithoutFallback_RefusedNamingTheCudaPackages()
    {
        var ml = new MLContext(0);
        var options = TestModels.BinaryOptions();
        options.GpuDeviceId = 0;
        var trainer = ml.BinaryClassification.Trainers.RegularizedMlp(options);

        var ex = Assert.Throws<InvalidOperationException>(() => trainer.Fit(TestModels.FeaturizedBinary(ml)));

        Assert.Contains("GpuDeviceId = 0", ex.Message);
        Assert.Contains("TorchSharp-cuda-linux", ex.Message);
        Assert.Contains("TorchSharp-cuda-windows", ex.Message);
        Assert.Contains("FallbackToCpu = true", ex.Message);
    }

    [Fact]
    public void Fit_GpuWithFallbackToCpu_TrainsOnCpuAndWarns()
    {
        var ml = new MLContext(0);
        var logger = new WarningLogger();
        var options = TestModels.BinaryOptions();
        options.GpuDeviceId = 0;
        options.FallbackToCpu = true;
        options.Logger = logger;

        var model = ml.BinaryClassification.Trainers.RegularizedMlp(options).Fit(TestModels.FeaturizedBinary(ml)).Model;

        string warning = Assert.Single(model.Warnings, w => w.Contains("training on the CPU (FallbackToCpu = true)"));
        Assert.Contains(warning, logger.Warnings);
        Assert.Equal(options.MaxEpochs, model.History.Count);
    }
}
