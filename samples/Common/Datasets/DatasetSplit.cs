using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Samples.Datasets;

/// <summary>
/// One train/test split of a dataset as loaded (raw columns), with the featurization pipeline that turns it into
/// a <c>Features</c> vector and a <c>Label</c> of the type the task needs. Fit the featurizer on
/// <see cref="Train"/> only: <see cref="Featurize"/> does that.
/// </summary>
/// <param name="Name">Display name, e.g. "adult" or "iris fold 2/5".</param>
/// <param name="Task">The prediction task.</param>
/// <param name="Train">Raw training rows.</param>
/// <param name="Test">Raw test rows.</param>
/// <param name="Featurizer">Unfitted pipeline producing <c>Features</c> (Single vector) and <c>Label</c>
/// (Boolean for binary, key for multiclass, Single for regression).</param>
/// <param name="Note">How the split was made, for reports.</param>
public sealed record DatasetSplit(string Name, TaskKind Task, IDataView Train, IDataView Test, IEstimator<ITransformer> Featurizer, string Note)
{
    /// <summary>Fits the featurizer on the training rows, applies it to both parts and caches the results in memory.</summary>
    public FeaturizedSplit Featurize(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ITransformer featurizer = Featurizer.Fit(Train);
        IDataView train = mlContext.Data.Cache(featurizer.Transform(Train), "Features", "Label");
        IDataView test = mlContext.Data.Cache(featurizer.Transform(Test), "Features", "Label");
        // One pass fills the caches, so later timings measure training rather than parsing and featurization.
        long trainRows = CountRows(train);
        long testRows = CountRows(test);
        int featureCount = (train.Schema["Features"].Type as VectorDataViewType)?.Size ?? 0;
        return new FeaturizedSplit(Name, Task, train, test, featurizer, featureCount, trainRows, testRows, Note);
    }

    private static long CountRows(IDataView view)
    {
        long n = 0;
        using var cursor = view.GetRowCursor(view.Schema.Where(c => c.Name is "Features" or "Label"));
        while (cursor.MoveNext()) n++;
        return n;
    }
}
