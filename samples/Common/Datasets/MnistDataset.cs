using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;
using Microsoft.ML.Transforms;

namespace MLNetRegularization.Samples.Datasets;

/// <summary>
/// MNIST (10 classes, 28×28 greyscale) from the four gzip-compressed IDX files: the official 60,000/10,000
/// split, pixels scaled to [0, 1]. When only the <c>t10k</c> files are present, the 10,000 test images are split
/// 80/20 instead (and <see cref="DatasetSplit.Note"/> says so), which is not comparable to published figures.
/// </summary>
public static class MnistDataset
{
    /// <summary>Folder name under the dataset root.</summary>
    public const string FolderName = "mnist";

    private const string TrainImages = "train-images-idx3-ubyte.gz";
    private const string TrainLabels = "train-labels-idx1-ubyte.gz";
    private const string TestImages = "t10k-images-idx3-ubyte.gz";
    private const string TestLabels = "t10k-labels-idx1-ubyte.gz";

    /// <summary>Loads the split, or returns null and says why in <paramref name="missing"/>.</summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="datasetRoot">The folder that holds <c>mnist/</c>.</param>
    /// <param name="missing">Why the dataset was not loaded; empty on success.</param>
    /// <param name="maxTrainRows">Use only the first rows of the training set (for quick runs); null = all. Default null.</param>
    public static DatasetSplit? TryLoad(MLContext mlContext, string datasetRoot, out string missing, int? maxTrainRows = null)
    {
        string? folder = DatasetLocator.TryGetDatasetFolder(datasetRoot, FolderName, out missing, TestImages, TestLabels);
        if (folder is null) return null;
        var test = ReadRows(Path.Combine(folder, TestImages), Path.Combine(folder, TestLabels));
        List<MnistRow> train;
        string note;
        if (File.Exists(Path.Combine(folder, TrainImages)) && File.Exists(Path.Combine(folder, TrainLabels)))
        {
            train = ReadRows(Path.Combine(folder, TrainImages), Path.Combine(folder, TrainLabels));
            note = "official split: 60,000 train / 10,000 test";
        }
        else
        {
            // Fallback when only the t10k files exist: the first 8,000 test images train, the last 2,000 test.
            train = test.Take(8000).ToList();
            test = test.Skip(8000).ToList();
            note = "ONLY t10k FILES FOUND: t10k split 8,000/2,000 (not comparable to published MNIST figures)";
        }
        if (maxTrainRows is int limit && limit < train.Count)
        {
            train = train.Take(limit).ToList();
            note += $"; training on the first {limit:N0} rows only";
        }
        IEstimator<ITransformer> featurizer = mlContext.Transforms.Conversion.MapValueToKey(
            TabularFeaturizer.LabelColumn, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue);
        return new DatasetSplit("mnist", TaskKind.MulticlassClassification,
            mlContext.Data.LoadFromEnumerable(train), mlContext.Data.LoadFromEnumerable(test), featurizer, note);
    }

    /// <summary>Reads an IDX image file and its label file into rows (pixels / 255).</summary>
    public static List<MnistRow> ReadRows(string imagesPath, string labelsPath)
    {
        byte[] images = ReadGzip(imagesPath);
        byte[] labels = ReadGzip(labelsPath);
        CheckMagic(images, 2051, imagesPath);
        CheckMagic(labels, 2049, labelsPath);
        int count = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(4));
        int rows = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(8));
        int cols = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(12));
        int labelCount = BinaryPrimitives.ReadInt32BigEndian(labels.AsSpan(4));
        if (rows * cols != MnistRow.PixelCount)
            throw new InvalidDataException($"{imagesPath}: images are {rows}×{cols}; expected 28×28.");
        if (labelCount != count)
            throw new InvalidDataException($"{imagesPath} holds {count} images but {labelsPath} holds {labelCount} labels.");
        if (images.Length < 16 + (long)count * MnistRow.PixelCount || labels.Length < 8 + count)
            throw new InvalidDataException($"{imagesPath} or {labelsPath} is truncated.");
        var result = new List<MnistRow>(count);
        for (int i = 0; i < count; i++)
        {
            var pixels = new float[MnistRow.PixelCount];
            int offset = 16 + i * MnistRow.PixelCount;
            for (int p = 0; p < pixels.Length; p++)
                pixels[p] = images[offset + p] / 255f;
            result.Add(new MnistRow { Features = pixels, Label = labels[8 + i] });
        }
        return result;
    }

    private static byte[] ReadGzip(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void CheckMagic(byte[] data, int expected, string path)
    {
        if (data.Length < 8 || BinaryPrimitives.ReadInt32BigEndian(data) != expected)
            throw new InvalidDataException($"{path}: not an IDX file with magic {expected}.");
    }
}
