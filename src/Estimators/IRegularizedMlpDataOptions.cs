using Microsoft.ML.Dropout.Estimators.Generators;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// The options only the ML.NET trainers have: which columns to read and how much of the data may be held in
/// memory. Every RegularizedMlp trainer's <c>Options</c> implements it next to the engine settings it derives
/// from (<see cref="Training.MlpClassificationOptions"/> or <see cref="Training.MlpRegressionOptions"/>).
/// Its properties are generated from their one declaration in the source (<c>RegularizedMlpDataOptionsDeclaration</c>).
/// </summary>
[IncludeOptions(typeof(RegularizedMlpDataOptionsDeclaration))]
public partial interface IRegularizedMlpDataOptions;
