using System.Diagnostics;

namespace MLNetRegularization.Samples;

/// <summary>
/// Entry-point wrapper shared by the sample apps: prints usage for <c>--help</c>, turns user errors into exit code 2
/// with a one-paragraph message, and unexpected failures into exit code 1 with the exception.
/// </summary>
public static class SampleApp
{
    /// <summary>Exit code for a user error (missing data, bad option).</summary>
    public const int UsageError = 2;

    /// <summary>Runs <paramref name="body"/> and returns the process exit code.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="usage">Usage text printed for --help or -h.</param>
    /// <param name="body">The sample; returns its exit code.</param>
    public static int Run(string[] args, string usage, Func<int> body)
    {
        if (Arguments.Flag(args, "--help") || Arguments.Flag(args, "-h"))
        {
            Console.WriteLine(usage);
            return 0;
        }
        var clock = Stopwatch.StartNew();
        try
        {
            int code = body();
            Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0.0} s.");
            return code;
        }
        catch (Exception e) when (e is SampleUsageException or ArgumentException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine("Run with --help for the options.");
            return UsageError;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"unexpected failure: {e}");
            return 1;
        }
    }

    /// <summary>The <c>--out</c> folder (created), default <c>out/&lt;sampleName&gt;</c> under the current directory.</summary>
    public static string OutputDirectory(string[] args, string sampleName)
    {
        string path = Path.GetFullPath(Arguments.String(args, "--out", Path.Combine("out", sampleName)));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The <c>--epochs</c> value, or <paramref name="fallback"/>.</summary>
    public static int Epochs(string[] args, int fallback) => Arguments.Int(args, "--epochs", fallback);

    /// <summary>The <c>--seed</c> value (≥ 0), default 1.</summary>
    public static int Seed(string[] args)
    {
        string text = Arguments.String(args, "--seed", "1");
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int seed) || seed < 0)
            throw new SampleUsageException($"Option --seed expects a non-negative integer; received '{text}'.");
        return seed;
    }

    /// <summary>Warm-up epochs that fit an epoch budget: the library default (2), at most <paramref name="maxEpochs"/> − 1.</summary>
    public static int WarmupFor(int maxEpochs) => Math.Min(2, maxEpochs - 1);

    /// <summary>Sets what every sample sets on a trainer's options (epochs, warm-up, batch size, seed, progress); the rest keep their defaults.</summary>
    public static T TrainerOptions<T>(T options, int epochs, int batchSize, int seed, IProgress<Microsoft.ML.Dropout.Training.EpochMetrics> progress)
        where T : Microsoft.ML.Dropout.Training.MlpTrainerOptions
    {
        options.MaxEpochs = epochs;
        options.WarmupEpochs = WarmupFor(epochs);
        options.BatchSize = batchSize;
        options.Seed = seed;
        options.Progress = progress;
        return options;
    }
}
