using System.Text.RegularExpressions;

namespace Microsoft.ML.Dropout.Tests;

/// <summary>
/// Reads the engine's source files and checks that its layers depend one way only: a namespace may use its own
/// namespace and the namespaces of lower layers, never a peer or a higher layer.
/// </summary>
public partial class EngineLayersTests
{
    private const string Root = "Microsoft.ML.Dropout";

    /// <summary>
    /// The engine's layers, lowest first; the one place the allowed order is declared. Namespaces in one layer are
    /// peers and may not use each other. A namespace covers its sub-namespaces (Training.Callbacks is Training).
    /// </summary>
    private static readonly string[][] Layers =
    {
        // Core types: option checks, task, data table, activation/dropout kinds and their scalar maths; the native loader.
        new[] { Root, Root + ".Native" },
        // Building blocks that need only the core: TorchSharp modules, schedules, losses, optimizer set-up,
        // the TorchSharp-free snapshot IR, synthetic data.
        new[] { Root + ".Modules", Root + ".Schedules", Root + ".Losses", Root + ".Optimization", Root + ".Snapshots", Root + ".Datasets" },
        // The network: modules wired into an MLP that writes itself into a snapshot.
        new[] { Root + ".Networks" },
        // Managed evaluation of snapshots (forward, probabilities, MC dropout).
        new[] { Root + ".Inference" },
        // Consumers of snapshots and their evaluation: the ONNX writer and calibration metrics.
        new[] { Root + ".Export", Root + ".Metrics" },
        // The training loop and its callbacks: may use everything below.
        new[] { Root + ".Training" },
    };

    /// <summary>Layers that run at scoring time or describe a trained network: no TorchSharp.</summary>
    private static readonly string[] TorchFree = { Root + ".Snapshots", Root + ".Inference", Root + ".Export", Root + ".Metrics" };

    [Fact]
    public void EngineSources_UsingDirectives_PointOnlyToLowerLayers()
    {
        var violations = new List<string>();
        foreach (var file in EngineSources())
        {
            var (ns, usings) = Read(file);
            var own = LayerOf(ns);
            if (own is null)
            {
                violations.Add($"{Relative(file)}: namespace {ns} is in no layer; add it to EngineLayersTests.Layers.");
                continue;
            }
            foreach (string used in usings)
            {
                var target = LayerOf(used);
                if (target is null || target.Value.Group == own.Value.Group)
                    continue;
                if (target.Value.Layer >= own.Value.Layer)
                    violations.Add($"{Relative(file)}: {ns} (layer {own.Value.Layer}) uses {used} (layer {target.Value.Layer}); " +
                                   "only lower layers may be used: move the type it needs down, or this code up.");
            }
        }
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void EngineSources_ScoringLayers_DoNotUseTorchSharp()
    {
        var violations = EngineSources()
            .Select(file => (file, parsed: Read(file)))
            .Where(f => TorchFree.Any(ns => Covers(ns, f.parsed.Namespace)) && TorchUsing().IsMatch(File.ReadAllText(f.file)))
            .Select(f => $"{Relative(f.file)}: {f.parsed.Namespace} uses TorchSharp, but snapshots, inference, ONNX export and metrics must run without libtorch.")
            .ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void EngineSources_Namespace_MatchesFolder()
    {
        var violations = new List<string>();
        foreach (var file in EngineSources())
        {
            string folder = Path.GetRelativePath(EngineDirectory(), Path.GetDirectoryName(file)!).Replace('\\', '/');
            // Core/ holds the root namespace, so every engine namespace sees the core types without a using.
            string expected = folder is "." or "Core" ? Root : Root + "." + folder.Replace('/', '.');
            string actual = Read(file).Namespace;
            if (actual != expected)
                violations.Add($"{Relative(file)}: namespace {actual}, expected {expected} for its folder.");
        }
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void LayerOf_SubNamespace_BelongsToItsParentsLayer()
    {
        Assert.Equal(LayerOf(Root + ".Training"), LayerOf(Root + ".Training.Callbacks"));
        Assert.Equal(0, LayerOf(Root)!.Value.Layer);
        Assert.Null(LayerOf("TorchSharp"));
    }

    private static (int Layer, string Group)? LayerOf(string ns)
    {
        (int, string)? best = null;
        for (int layer = 0; layer < Layers.Length; layer++)
            foreach (string group in Layers[layer])
                if (Covers(group, ns) && (best is null || group.Length > best.Value.Item2.Length))
                    best = (layer, group);
        return best;
    }

    /// <summary>The root namespace covers only itself; any other group covers its sub-namespaces too.</summary>
    private static bool Covers(string group, string ns) =>
        ns == group || (group != Root && ns.StartsWith(group + ".", StringComparison.Ordinal));

    private static (string Namespace, List<string> Usings) Read(string file)
    {
        string text = File.ReadAllText(file);
        var ns = NamespaceDeclaration().Match(text);
        Assert.True(ns.Success, $"{Relative(file)} declares no file-scoped namespace.");
        var usings = EngineUsing().Matches(text).Select(m => m.Groups["ns"].Value)
            .Concat(QualifiedName().Matches(text).Select(m => NamespacePart(m.Value)))
            .Concat(PartlyQualifiedName().Matches(text).Select(m => NamespacePart(Root + "." + m.Value)))
            .Distinct()
            .ToList();
        return (ns.Groups["ns"].Value, usings);
    }

    /// <summary>The longest engine namespace that prefixes a qualified name such as Microsoft.ML.Dropout.Training.TaskKind.</summary>
    private static string NamespacePart(string qualified) =>
        EngineNamespaces.Value.Where(ns => qualified == ns || qualified.StartsWith(ns + ".", StringComparison.Ordinal))
            .OrderByDescending(ns => ns.Length).FirstOrDefault() ?? Root;

    private static readonly Lazy<HashSet<string>> EngineNamespaces = new(() =>
        EngineSources().Select(f => NamespaceDeclaration().Match(File.ReadAllText(f)).Groups["ns"].Value).Append(Root).ToHashSet());

    private static IEnumerable<string> EngineSources() =>
        Directory.EnumerateFiles(EngineDirectory(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsUnder(f, "obj") && !IsUnder(f, "bin") && !IsUnder(f, "buildTransitive"))
            .OrderBy(f => f, StringComparer.Ordinal);

    private static bool IsUnder(string file, string folder) =>
        Path.GetRelativePath(EngineDirectory(), file).Replace('\\', '/').StartsWith(folder + "/", StringComparison.Ordinal);

    private static string Relative(string file) => Path.GetRelativePath(EngineDirectory(), file);

    private static string EngineDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "src", "Microsoft.ML.Dropout");
            if (File.Exists(Path.Combine(candidate, "Microsoft.ML.Dropout.csproj")))
                return candidate;
        }
        throw new DirectoryNotFoundException($"No src/Microsoft.ML.Dropout above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^namespace\s+(?<ns>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^\s*(global\s+)?using\s+(static\s+)?(\w+\s*=\s*)?(?<ns>Microsoft\.ML\.Dropout(\.\w+)*)\s*;", RegexOptions.Multiline)]
    private static partial Regex EngineUsing();

    /// <summary>A fully qualified engine name in code or docs, e.g. Microsoft.ML.Dropout.Training.TaskKind.</summary>
    [GeneratedRegex(@"(?<![\w.])Microsoft\.ML\.Dropout(\.\w+)+")]
    private static partial Regex QualifiedName();

    /// <summary>
    /// A name qualified relative to the root namespace, e.g. Training.TaskKind written inside Microsoft.ML.Dropout.Export
    /// (which resolves without a using). Names after a dot (TorchSharp.Modules.Linear) are someone else's.
    /// </summary>
    [GeneratedRegex(@"(?<![\w.])(Export|Training|Networks|Inference|Snapshots|Metrics|Modules|Schedules|Losses|Optimization|Datasets|Native)(\.[A-Z]\w*)+")]
    private static partial Regex PartlyQualifiedName();

    [GeneratedRegex(@"^\s*using\s+(static\s+)?(\w+\s*=\s*)?TorchSharp\b", RegexOptions.Multiline)]
    private static partial Regex TorchUsing();
}
