using Microsoft.ML;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Samples.Datasets;

/// <summary>A split after featurization: both parts hold <c>Features</c> and <c>Label</c> and are cached in memory.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Task">The prediction task.</param>
/// <param name="Train">Featurized training rows.</param>
/// <param name="Test">Featurized test rows.</param>
/// <param name="Featurizer">The featurization fitted on the training rows (apply it to new raw rows).</param>
/// <param name="FeatureCount">Length of the <c>Features</c> vector.</param>
/// <param name="TrainRows">Number of training rows.</param>
/// <param name="TestRows">Number of test rows.</param>
/// <param name="Note">How the split was made.</param>
public sealed record FeaturizedSplit(string Name, TaskKind Task, IDataView Train, IDataView Test, ITransformer Featurizer,
    int FeatureCount, long TrainRows, long TestRows, string Note);
