namespace Microsoft.ML.Dropout.Estimators.Tests;

public class SmokeTests
{
    [Fact]
    public void MlContext_Creates() => Assert.NotNull(new Microsoft.ML.MLContext(seed: 1));
}
