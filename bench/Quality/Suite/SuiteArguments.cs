namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>Command-line options of the <c>suite</c> and <c>tune</c> commands.</summary>
internal sealed class SuiteArguments
{
    public const int DefaultMaxCandidates = 40;

    public bool Tune { get; private init; }
    public string? DataPath { get; private set; }
    public IReadOnlyList<string>? Datasets { get; private set; }
    public IReadOnlyList<string>? Trainers { get; private set; }
    public IReadOnlyList<string>? Candidates { get; private set; }
    public IReadOnlyList<string> Ours { get; private set; } = new[] { OptionsCandidates.Defaults };
    public int Repeats { get; private set; } = 5;
    public int Seeds { get; private set; } = 3;
    public int MaxCandidates { get; private set; } = DefaultMaxCandidates;
    public FeatureInput OurInput { get; private set; } = FeatureInput.Normalized;
    public int? Threads { get; private set; }
    public int OurSeed { get; private set; } = Microsoft.ML.Dropout.Defaults.Seed;
    public string? OutputPath { get; private set; }
    public string? ResultsPath { get; private set; }
    public string? CachePath { get; private set; }
    public bool Help { get; private set; }

    public const string Usage = """
        Suite benchmark and defaults search over the shared datasets (issue 11).

          dotnet run -c Release --project bench/Quality -- suite [options]
              every dataset's test split(s), every trainer: one table per dataset and a summary against LightGBM
          dotnet run -c Release --project bench/Quality -- tune --candidates defaults,dropout-0.1 [options]
              candidates for our defaults on a validation split carved from each training part; suite score S
          dotnet run -c Release --project bench/Quality -- heldout --rdatasets <Rdatasets copy> --out <folder>
              writes the held-out check's 33 data sets for `suite --data <folder>` (heldout --help)

          --data <dir>             dataset root (default: ../shared/datasets found from the current directory)
          --datasets <a,b,..>      subset (default: the 14 scored sets, and for suite every other folder of --data whose
                                   README.md describes an R-exported CSV in the shared convention; add mnist for the extra)
          --trainers <a,b,..>      suite: only trainers whose name contains one of these (lightgbm is always run)
          --repeats <n>            suite: 80/20 splits (seeds 42, 43, ...) on sets under 5,000 rows (default 5)
          --ours <a,b,..>          suite: our trainer's rows, by candidate name (default: defaults); the first is summarized
                                   first; each candidate gets the features its registration asks for (raw or normalized)
          --mlp-input <kind>       suite: normalized (default: NormalizeMeanVariance before our trainer) or raw
                                   (no normalizer: for in-model preprocessing)
          --candidates <a,b,..>    tune: candidate names (default: all registered; `--candidates list` prints them)
          --max-candidates <n>     tune: cap on the number of candidates evaluated (default 40)
          --seeds <n>              tune: our trainer's seeds 1..n (default 3)
          --cache <dir>            tune: result cache (default bench/Quality/cache)
          --results <file.md>      tune: the file whose search log gets the candidates and S (default bench/Quality/RESULTS.md; "none" = off)
          --threads <n>            our trainer's libtorch threads (default: the trainer default, 1)
          --our-seed <n>           suite: our trainer's Seed (default 0, the trainer default): another random stream of the
                                   same options (initialization, shuffling, validation rows, dropout masks)
          --out <file.md>          also write the tables to this file
          --help                   this text
        """;

    public static SuiteArguments Parse(IReadOnlyList<string> args)
    {
        var result = new SuiteArguments { Tune = args[0] == "tune" };
        var cursor = new ArgumentCursor(args, start: 1);
        while (cursor.MoveNext())
        {
            string arg = cursor.Current;
            string Value() => cursor.Value();
            int Positive() => cursor.Positive();
            switch (arg)
            {
                case "--data": result.DataPath = Value(); break;
                case "--datasets": result.Datasets = List(Value()); break;
                case "--trainers": result.Trainers = List(Value()); break;
                case "--candidates": result.Candidates = List(Value()); break;
                case "--ours": result.Ours = List(Value()); break;
                case "--repeats": result.Repeats = Positive(); break;
                case "--seeds": result.Seeds = Positive(); break;
                case "--max-candidates": result.MaxCandidates = Positive(); break;
                case "--mlp-input":
                    result.OurInput = Value() switch
                    {
                        "normalized" => FeatureInput.Normalized,
                        "raw" => FeatureInput.Raw,
                        var v => throw new ArgumentException($"--mlp-input must be normalized or raw; got '{v}'."),
                    };
                    break;
                case "--threads": result.Threads = Positive(); break;
                case "--our-seed": result.OurSeed = cursor.NonNegative(); break;
                case "--out": result.OutputPath = Value(); break;
                case "--results": result.ResultsPath = Value(); break;
                case "--cache": result.CachePath = Value(); break;
                case "--help" or "-h" or "-?": result.Help = true; break;
                default: throw new ArgumentException($"Unknown argument '{arg}' for '{args[0]}'. See --help.");
            }
        }
        var unknownOurs = result.Ours.Where(c => OptionsCandidates.Find(c) is null).ToArray();
        if (unknownOurs.Length > 0)
            throw new ArgumentException($"Unknown candidate(s) in --ours: {string.Join(", ", unknownOurs)}; registered: {string.Join(", ", OptionsCandidates.All.Select(c => c.Name))}.");
        if (result.Candidates != null && !result.Candidates.SequenceEqual(new[] { "list" }))
        {
            var unknown = result.Candidates.Where(c => OptionsCandidates.Find(c) is null).ToArray();
            if (unknown.Length > 0)
                throw new ArgumentException($"Unknown candidate(s) {string.Join(", ", unknown)}; registered: {string.Join(", ", OptionsCandidates.All.Select(c => c.Name))}.");
        }
        return result;
    }

    /// <summary>
    /// The datasets to run: those of --datasets, else the scored ones. The suite also knows the folders of
    /// <paramref name="root"/> found by their README (<see cref="SuiteDatasets.Discover"/>; <paramref name="notes"/> names the
    /// folders left out); the tune command does not, as the suite score S is defined over the listed sets.
    /// </summary>
    /// <exception cref="ArgumentException">--datasets names a dataset the command does not know.</exception>
    public IReadOnlyList<SuiteDataset> SelectDatasets(string root, out IReadOnlyList<string> notes)
    {
        notes = [];
        var known = SuiteDatasets.All.ToList();
        if (!Tune)
            known.AddRange(SuiteDatasets.Discover(root, out notes));
        if (Datasets is null)
            return known.Where(d => d.InScore).ToList();
        notes = [];
        var unknown = Datasets.Where(d => known.All(k => k.Name != d)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"Unknown dataset(s) {string.Join(", ", unknown)}; the {(Tune ? "tune command" : "suite")} knows {string.Join(", ", known.Select(d => d.Name))}" +
                (Tune ? "." : $" (a folder of {root} joins the suite when its README.md follows the R-export convention: bench/Quality/Suite/README.md)."));
        return known.Where(d => Datasets.Contains(d.Name)).ToList();
    }

    public bool IncludesTrainer(string name) =>
        Trainers is null || name == "LightGBM" || Trainers.Any(t => name.Contains(t, StringComparison.OrdinalIgnoreCase));

    private static string[] List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).ToArray();
}
