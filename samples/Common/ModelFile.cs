using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetRegularization.Samples;

/// <summary>Saving the whole pipeline (featurization + model) as model.zip and loading it back in a fresh MLContext.</summary>
public static class ModelFile
{
    /// <summary>One chain of fitted transformers, applied in order (e.g. featurizer, trained model, key-to-value mapping).</summary>
    public static ITransformer Chain(params ITransformer[] parts) => new TransformerChain<ITransformer>(parts);

    /// <summary>Saves <paramref name="model"/> for raw rows of <paramref name="inputSchema"/> as <c>model.zip</c> in <paramref name="directory"/>; returns the path.</summary>
    public static string Save(MLContext mlContext, ITransformer model, DataViewSchema inputSchema, string directory, string fileName = "model.zip")
    {
        string path = Path.Combine(directory, fileName);
        mlContext.Model.Save(model, inputSchema, path);
        return path;
    }

    /// <summary>Loads <paramref name="path"/> into a new MLContext, the way an application consuming the model would.</summary>
    public static (MLContext Context, ITransformer Model) LoadFresh(string path)
    {
        var mlContext = new MLContext(seed: 0);
        ITransformer model = mlContext.Model.Load(path, out _);
        return (mlContext, model);
    }
}
