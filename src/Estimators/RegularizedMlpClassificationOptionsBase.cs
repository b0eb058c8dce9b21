using Microsoft.ML.Dropout.Estimators.Generators;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// Options of the binary and multiclass RegularizedMlp trainers: the engine's classification settings
/// (<see cref="MlpClassificationOptions"/>, flat) plus the ML.NET columns, the memory budget and
/// <see cref="UnbalancedSets"/>. Values are validated by the setters and, against each other, when the trainer is
/// constructed, which also copies them: changing this object afterwards does not change that trainer. The ML.NET-only
/// properties are generated from their one declaration, shared with the regression trainer's options.
/// </summary>
[IncludeOptions(typeof(RegularizedMlpDataOptionsDeclaration))]
public abstract partial class RegularizedMlpClassificationOptionsBase : MlpClassificationOptions, IRegularizedMlpDataOptions
{
    /// <summary>
    /// Weight each class by n / (K · n_class) computed on the training rows, so rare classes count as much as
    /// common ones. Default false. Cannot be combined with <see cref="MlpClassificationOptions.ClassWeights"/>.
    /// </summary>
    public bool UnbalancedSets { get; set => field = Writable(value); } = Defaults.UnbalancedSets;
}
