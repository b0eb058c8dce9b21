using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;


namespace Microsoft.ML.Dropout.Export;

/// <summary>
/// Exports MC dropout (Gal &amp; Ghahramani 2016) as a self-contained ONNX graph, so uncertainty scoring needs no
/// TorchSharp and persists wherever ONNX bytes can be stored (e.g. an ML.NET model zip via ApplyOnnxModel).
/// </summary>
/// <remarks>
/// Each input row is repeated K times ([N, D] → [K·N, D], pass-major); pass k applies, at every dropout site, the
/// k-th of K masks drawn at export from <see cref="McDropoutOnnxOptions.Seed"/> and stored in the graph as a
/// [K, 1, width] initializer (Standard: inverted Bernoulli; Gaussian: N(1, p/(1−p)); Alpha: SELU saturation and
/// affine correction). So the K passes are K fixed thinned networks: a row gets the same values whatever its
/// position, batch or call, in every process that loads the graph. Everything else runs as at inference
/// (BatchNorm folded, LayerNorm per row). The K outputs of each row are then reduced: mean and standard deviation (population) of the
/// probability (binary: class 1; multiclass: every class) or of the prediction in label units (regression), and for
/// multiclass the predictive entropy and the mutual information. Temperature applies before the sigmoid/softmax (in an ensemble, to every member's logits).
/// DropConnect sites are not supported here (their masks are per pass, not per row): use
/// <see cref="SnapshotEvaluator.McDropout"/>.
/// </remarks>
public static class McDropoutOnnxExporter
{
    /// <summary>Encodes the MC-dropout graph of <paramref name="snapshot"/>.</summary>
    /// <exception cref="ArgumentException">The snapshot has no dropout site with a rate &gt; 0, or has a DropConnect site.</exception>
    public static byte[] Export(MlpSnapshot snapshot, McDropoutOnnxOptions? options = null)
    {
        SnapshotValidator.Validate(snapshot);
        snapshot = EnsembleTemperature.IntoMembers(snapshot);
        options ??= new McDropoutOnnxOptions();
        var sites = SiteCollector.Collect(snapshot).Select(s => s.Site).ToList();
        if (sites.Any(s => s.Kind == DropoutKind.DropConnect && s.Rate > 0))
            throw new ArgumentException("MC dropout in ONNX does not support DropConnect sites; use SnapshotEvaluator.McDropout for this network.", nameof(snapshot));
        if (!sites.Any(s => s.Rate > 0))
            throw new ArgumentException("The network has no dropout site with a rate > 0, so every MC pass would be identical: train with dropout (DropoutRate > 0) to estimate uncertainty.", nameof(snapshot));

        int k = options.Passes, c = snapshot.OutputSize;
        var g = new OnnxGraphBuilder();
        g.Reserve(options.InputName);
        var outputs = new List<string> { options.MeanName, options.StdName };
        if (snapshot.Task == TaskKind.MulticlassClassification)
            outputs.AddRange(new[] { options.EntropyName, options.MutualInformationName });
        foreach (string o in outputs) g.Reserve(o);
        g.AddInput(options.InputName, OnnxGraphBuilder.ElementFloat, OnnxDimension.Symbolic("batch"), OnnxDimension.Fixed(snapshot.InputSize));

        // [N, D] → [1, N, D] → [K, N, D] → [K·N, D]
        string x = g.AddNode("Unsqueeze", "mc.unsqueeze", new[] { options.InputName, g.AddInt64Initializer("mc.axis0", new[] { 0L }, 1) });
        x = g.AddNode("Tile", "mc.tile", new[] { x, g.AddInt64Initializer("mc.repeats", new[] { (long)k, 1L, 1L }, 3) });
        x = g.AddNode("Reshape", "mc.flatten", new[] { x, g.AddInt64Initializer("mc.flat_shape", new[] { -1L, snapshot.InputSize }, 2) });

        var widths = SiteCollector.Collect(snapshot).ToDictionary(s => s.Site.Name, s => s.Width);
        int siteIndex = 0;
        string raw = OnnxExporter.EmitLayers(g, snapshot.Layers, x,
            (graph, site, h) => EmitNoisySite(graph, site, h, new PassMasks(k, widths[site.Name], NoiseRandom.Derive(options.Seed, siteIndex++, 0))));
        raw = g.AddNode("Reshape", "mc.unflatten", new[] { raw, g.AddInt64Initializer("mc.passes_shape", new[] { (long)k, -1L, c }, 3) });

        string value = snapshot.Task switch
        {
            TaskKind.BinaryClassification => g.AddNode("Sigmoid", "mc.probability", new[] { Temper(g, snapshot, raw) }),
            TaskKind.MulticlassClassification => g.AddNode("Softmax", "mc.probability", new[] { Temper(g, snapshot, raw) }, null, OnnxAttribute.Int("axis", -1)),
            _ => g.AddNode("Add", "mc.prediction",
                    new[] { g.AddNode("Mul", "mc.scaled", new[] { raw, g.AddScalar("mc.output_scale", (float)snapshot.OutputScale) }),
                            g.AddScalar("mc.output_shift", (float)snapshot.OutputShift) }),
        };
        string mean = g.AddNode("ReduceMean", options.MeanName, new[] { value }, options.MeanName, OnnxAttribute.Ints("axes", 0), OnnxAttribute.Int("keepdims", 0));
        string deviation = g.AddNode("Sub", "mc.deviation", new[] { value, mean });
        string variance = g.AddNode("ReduceMean", "mc.variance", new[] { g.AddNode("Mul", "mc.squared", new[] { deviation, deviation }) },
            null, OnnxAttribute.Ints("axes", 0), OnnxAttribute.Int("keepdims", 0));
        g.AddNode("Sqrt", options.StdName, new[] { variance }, options.StdName);
        g.AddOutput(options.MeanName, OnnxGraphBuilder.ElementFloat, OnnxDimension.Symbolic("batch"), OnnxDimension.Fixed(c));
        g.AddOutput(options.StdName, OnnxGraphBuilder.ElementFloat, OnnxDimension.Symbolic("batch"), OnnxDimension.Fixed(c));

        if (snapshot.Task == TaskKind.MulticlassClassification)
        {
            string eps = g.AddScalar("mc.eps", 1e-12f);
            // H[mean p] = −Σ_c p̄ log p̄   ([N,1])
            string meanLog = g.AddNode("Log", "mc.mean_log", new[] { g.AddNode("Add", "mc.mean_eps", new[] { mean, eps }) });
            string predictive = g.AddNode("Neg", options.EntropyName,
                new[] { g.AddNode("ReduceSum", "mc.mean_plogp", new[] { g.AddNode("Mul", "mc.mean_p_logp", new[] { mean, meanLog }),
                    g.AddInt64Initializer("mc.class_axis", new[] { 1L }, 1) }, null, OnnxAttribute.Int("keepdims", 1)) }, options.EntropyName);
            // E_k H[p_k] ([N,1])
            string passLog = g.AddNode("Log", "mc.pass_log", new[] { g.AddNode("Add", "mc.pass_eps", new[] { value, eps }) });
            string passEntropy = g.AddNode("Neg", "mc.pass_entropy",
                new[] { g.AddNode("ReduceSum", "mc.pass_plogp", new[] { g.AddNode("Mul", "mc.pass_p_logp", new[] { value, passLog }),
                    g.AddInt64Initializer("mc.pass_class_axis", new[] { 2L }, 1) }, null, OnnxAttribute.Int("keepdims", 1)) });
            string expected = g.AddNode("ReduceMean", "mc.expected_entropy", new[] { passEntropy }, null, OnnxAttribute.Ints("axes", 0), OnnxAttribute.Int("keepdims", 0));
            g.AddNode("Sub", options.MutualInformationName, new[] { predictive, expected }, options.MutualInformationName);
            g.AddOutput(options.EntropyName, OnnxGraphBuilder.ElementFloat, OnnxDimension.Symbolic("batch"), OnnxDimension.Fixed(1));
            g.AddOutput(options.MutualInformationName, OnnxGraphBuilder.ElementFloat, OnnxDimension.Symbolic("batch"), OnnxDimension.Fixed(1));
        }
        return g.BuildModel("RegularizedMlpMcDropout", OnnxExporter.ProducerName, "1", OnnxExporter.IrVersion, OnnxExporter.OpsetVersion,
            new[] { new KeyValuePair<string, string>("mc_passes", k.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
    }

    private static string Temper(OnnxGraphBuilder g, MlpSnapshot s, string raw) =>
        s.Temperature == 1.0 ? raw : g.AddNode("Div", "mc.tempered", new[] { raw, g.AddScalar("mc.temperature", (float)s.Temperature) });

    /// <summary>K masks of one dropout site, one per pass, over its width; drawn from one seeded stream.</summary>
    private readonly record struct PassMasks(int Passes, int Width, ulong Seed)
    {
        internal delegate float Sample(ref NoiseRandom random);

        /// <summary>K·width values, each from <paramref name="sample"/>.</summary>
        internal float[] Draw(Sample sample)
        {
            var random = new NoiseRandom(Seed);
            var values = new float[Passes * Width];
            for (int i = 0; i < values.Length; i++) values[i] = sample(ref random);
            return values;
        }

        /// <summary>
        /// h [K·N, width] (an ensemble's [K·N, k, D], width = k·D) times the stored masks [K, 1, width], broadcast over
        /// the N rows of each pass; the result has h's shape.
        /// </summary>
        internal string Apply(OnnxGraphBuilder g, string n, string h, float[] masks)
        {
            string byPass = g.AddNode("Reshape", $"{n}.by_pass", new[] { h, g.AddInt64Initializer($"{n}.by_pass_shape", new[] { (long)Passes, -1L, Width }, 3) });
            string product = g.AddNode("Mul", $"{n}.masked_by_pass", new[] { byPass, g.AddInitializer($"{n}.masks", masks, Passes, 1, Width) });
            return g.AddNode("Reshape", $"{n}.flat", new[] { product, g.AddNode("Shape", $"{n}.input_shape", new[] { h }) });
        }

        /// <summary>Bernoulli keep masks: <paramref name="kept"/> with probability <paramref name="keep"/>, else 0.</summary>
        internal float[] Bernoulli(double keep, float kept) => Draw((ref NoiseRandom r) => r.NextDouble() < keep ? kept : 0f);
    }

    private static string EmitNoisySite(OnnxGraphBuilder g, DropoutLayer site, string h, PassMasks masks)
    {
        if (site.Rate <= 0) return h;
        string n = site.Name;
        double p = site.Rate, keep = 1 - p;
        switch (site.Kind)
        {
            case DropoutKind.Gaussian:
                double sigma = DropoutMath.GaussianStd(p);
                return masks.Apply(g, n, h, masks.Draw((ref NoiseRandom r) => (float)(1 + sigma * r.NextGaussian())));
            case DropoutKind.Alpha:
            {
                double saturation = DropoutMath.AlphaSaturation;
                double a = DropoutMath.AlphaScale(p), b = DropoutMath.AlphaShift(p);
                // a·(m·(h − α') + α') + b
                string shifted = g.AddNode("Sub", $"{n}.shifted", new[] { h, g.AddScalar($"{n}.saturation", (float)saturation) });
                string kept = g.AddNode("Add", $"{n}.kept", new[] { masks.Apply(g, n, shifted, masks.Bernoulli(keep, 1f)), g.AddScalar($"{n}.saturation2", (float)saturation) });
                return g.AddNode("Add", $"{n}.mc", new[] { g.AddNode("Mul", $"{n}.scaled", new[] { kept, g.AddScalar($"{n}.a", (float)a) }), g.AddScalar($"{n}.b", (float)b) });
            }
            default: // Standard and Concrete: inverted Bernoulli, 1/keep folded into the mask
                return masks.Apply(g, n, h, masks.Bernoulli(keep, (float)DropoutMath.InvertedScale(p)));
        }
    }

    /// <summary>Every dropout site in evaluation order with the width of the activations it masks (the one snapshot walk).</summary>
    private sealed class SiteCollector : SnapshotWalker<int>
    {
        private readonly List<(DropoutLayer Site, int Width)> _sites = new();

        internal static IReadOnlyList<(DropoutLayer Site, int Width)> Collect(MlpSnapshot snapshot)
        {
            var collector = new SiteCollector();
            collector.Walk(snapshot.Layers, snapshot.InputSize);
            return collector._sites;
        }

        protected override int VisitDense(DenseLayer layer, int width) => layer.OutputSize;

        /// <summary>A tabular layer's output width (an ensemble's k·D values per row).</summary>
        protected override int VisitTabular(SnapshotLayer layer, int width) => ((ITabularSnapshotLayer)layer).OutputWidth;

        protected override int VisitDropout(DropoutLayer layer, int width)
        {
            _sites.Add((layer, width));
            return width;
        }
    }
}
