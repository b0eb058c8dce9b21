using System.Globalization;

namespace MLNetRegularization.Bench.Quality;

/// <summary>Command-line options of the quality benchmark.</summary>
internal sealed class BenchmarkArguments
{
    public static readonly string[] AllDatasets = { "adult", "adult-bins", "california", "iris", "mnist", "boston" };
    public static readonly string[] DefaultDatasets = { "adult", "adult-bins", "california", "iris", "mnist" };
    public static readonly string[] AblationDatasets = { "synthetic", "adult" };

    public string? DataPath { get; private set; }
    public bool Ablation { get; private set; }
    public bool Tune { get; private set; }
    public IReadOnlyList<string>? Datasets { get; private set; }
    public int Seeds { get; private set; } = 5;
    public IReadOnlyList<string>? Trainers { get; private set; }
    public int? MnistTrainRows { get; private set; }
    public double LabelNoise { get; private set; }
    public string? OutputPath { get; private set; }
    public int? Threads { get; private set; }
    public bool Help { get; private set; }

    public const string Usage = """
        Quality benchmark: one markdown table per dataset (fixed splits), or the regularization ablation.

          dotnet run -c Release --project bench/Quality -- [options]

          --data <dir>          dataset root (default: ../shared/datasets found from the current directory)
          --datasets <a,b,..>   benchmark: adult, adult-bins, california, iris, mnist, boston
                                (default adult,adult-bins,california,iris,mnist; adult-bins adds a one-hot of
                                each numeric column's quantile bin to the features of every trainer)
                                ablation:  synthetic, adult (default both)
          --trainers <a,b,..>   only trainers whose name contains one of these (case-insensitive), e.g. mlp,lightgbm
          --ablation            run the regularization ablation instead of the benchmark
          --tune                score candidate options of our trainer on an 80/20 split of the TRAINING part
                                only (adult, california); --seeds applies
          --seeds <n>           ablation seeds to average (default 5)
          --mnist-train-rows <n> train MNIST models on the first n training rows only (quick runs)
          --label-noise <f>     ablation: replace this fraction of synthetic labels by a random class (default 0)
          --threads <n>         TorchSharp threads (benchmark default: the trainer default, all cores; ablation default: 1)
          --out <file.md>       also write the tables to this markdown file
          --help                this text
        """;

    public static BenchmarkArguments Parse(IReadOnlyList<string> args)
    {
        var result = new BenchmarkArguments();
        var cursor = new ArgumentCursor(args);
        while (cursor.MoveNext())
        {
            string arg = cursor.Current;
            string Value() => cursor.Value();
            int Positive() => cursor.Positive();
            switch (arg)
            {
                case "--data": result.DataPath = Value(); break;
                case "--ablation": result.Ablation = true; break;
                case "--tune": result.Tune = true; break;
                case "--datasets": result.Datasets = List(Value()); break;
                case "--trainers": result.Trainers = List(Value()); break;
                case "--seeds": result.Seeds = Positive(); break;
                case "--mnist-train-rows": result.MnistTrainRows = Positive(); break;
                case "--label-noise":
                    string text = Value();
                    result.LabelNoise = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double noise) && noise is >= 0 and < 1
                        ? noise : throw new ArgumentException($"--label-noise needs a fraction in [0, 1); got '{text}'.");
                    break;
                case "--threads": result.Threads = Positive(); break;
                case "--out": result.OutputPath = Value(); break;
                case "--help" or "-h" or "-?": result.Help = true; break;
                default: throw new ArgumentException($"Unknown argument '{arg}'.{Suggest(arg)}");
            }
        }
        string[] valid = result.Ablation ? AblationDatasets : AllDatasets;
        if (result.Datasets != null)
        {
            var unknown = result.Datasets.Where(d => !valid.Contains(d)).ToArray();
            if (unknown.Length > 0)
                throw new ArgumentException($"Unknown dataset(s) {string.Join(", ", unknown)}; {(result.Ablation ? "the ablation" : "the benchmark")} knows {string.Join(", ", valid)}.");
        }
        return result;
    }

    public IReadOnlyList<string> SelectedDatasets => Datasets ?? (Ablation ? AblationDatasets : Tune ? new[] { "adult", "california" } : DefaultDatasets);

    public bool IncludesTrainer(string name) =>
        Trainers is null || Trainers.Any(t => name.Contains(t, StringComparison.OrdinalIgnoreCase));

    private static string[] List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).ToArray();

    private static string Suggest(string arg)
    {
        string[] known = { "--data", "--ablation", "--tune", "--datasets", "--trainers", "--seeds", "--mnist-train-rows", "--label-noise", "--threads", "--out", "--help" };
        string? best = known.OrderBy(k => Distance(k, arg)).First();
        return Distance(best, arg) <= 3 ? $" Did you mean {best}?" : " See --help.";
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
