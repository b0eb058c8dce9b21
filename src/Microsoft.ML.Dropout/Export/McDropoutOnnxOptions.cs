namespace Microsoft.ML.Dropout.Export;

/// <summary>Options of <see cref="McDropoutOnnxExporter"/>: passes, seed and the names of inputs and outputs.</summary>
public sealed class McDropoutOnnxOptions
{
    private int _passes = Defaults.Passes;
    private string _inputName = OnnxExportOptions.Defaults.InputName;
    private string _outputPrefix = Defaults.OutputPrefix;

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>30 stochastic passes per row.</summary>
        public const int Passes = 30;
        /// <summary>Output names start with "Mc".</summary>
        public const string OutputPrefix = "Mc";
    }

    /// <summary>Stochastic forward passes per row (K). Default 30; range [2, 10000].</summary>
    public int Passes
    {
        get => _passes;
        set => _passes = value <= 10000 ? OptionGuard.AtLeast(value, 2, nameof(Passes))
            : throw new ArgumentOutOfRangeException(nameof(Passes), value, OptionGuard.Message(nameof(Passes), "an integer in [2, 10000]", value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Seed of the K dropout masks per site, drawn at export and stored in the graph: a row gets the same values
    /// whatever its position, on every call and after Save/Load. Default 0.
    /// </summary>
    public int Seed { get; set; }

    /// <summary>Name of the float [N, InputSize] input. Default "Features".</summary>
    public string InputName { get => _inputName; set => _inputName = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException(OptionGuard.Message(nameof(InputName), "a non-empty name", $"'{value}'"), nameof(InputName)) : value; }

    /// <summary>Prefix of every output name (e.g. "McMean", "McStd"). Default "Mc".</summary>
    public string OutputPrefix { get => _outputPrefix; set => _outputPrefix = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException(OptionGuard.Message(nameof(OutputPrefix), "a non-empty prefix", $"'{value}'"), nameof(OutputPrefix)) : value; }

    /// <summary>Name of the mean output: probability of class 1 (binary, [N,1]), class probabilities ([N,K]) or prediction in label units (regression, [N,1]).</summary>
    public string MeanName => OutputPrefix + "Mean";
    /// <summary>Name of the standard deviation across passes of the mean output (same shape).</summary>
    public string StdName => OutputPrefix + "Std";
    /// <summary>Multiclass only: predictive entropy H[mean p], [N,1].</summary>
    public string EntropyName => OutputPrefix + "Entropy";
    /// <summary>Multiclass only: mutual information (BALD) H[mean p] − mean H[p], [N,1]: the epistemic part.</summary>
    public string MutualInformationName => OutputPrefix + "MutualInformation";
}
