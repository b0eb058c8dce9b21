using System.Reflection;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>The options a callback sees are read-only (issue 9): every public setter of every options type refuses.</summary>
public class ReadOnlyOptionsTests
{
    /// <summary>
    /// Sets every public settable property of <paramref name="options"/> to its own current value and returns the
    /// names of those that accepted it (a read-only instance must refuse them all).
    /// </summary>
    internal static IReadOnlyList<string> SettersThatAccept(MlpArchitecture options)
    {
        var accepted = new List<string>();
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true })
                continue;
            try
            {
                property.SetValue(options, property.GetValue(options));
                accepted.Add(property.Name);
            }
            catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException refused)
            {
                Assert.Contains($"'{property.Name}'", refused.Message);
            }
        }
        return accepted;
    }

    [Fact]
    public void ReadOnlyOptions_EveryPublicSetter_RefusesNamingTheOption()
    {
        var classification = new TrainingContext(new MlpClassificationOptions(), TrainingTask.Binary, 10, 0).Options;
        var regression = new TrainingContext(new MlpRegressionOptions(), TrainingTask.Regression, 10, 0).Options;
        Assert.Empty(SettersThatAccept(classification));
        Assert.Empty(SettersThatAccept(regression));
    }

    [Fact]
    public void WritableOptions_EveryPublicSetter_Accepts()
    {
        var options = new MlpClassificationOptions();
        Assert.Equal(options.GetType().GetProperties().Count(p => p.SetMethod is { IsPublic: true }), SettersThatAccept(options).Count);
    }
}
