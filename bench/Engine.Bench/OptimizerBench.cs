using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

/// <summary>
/// The work after backward in one training step of the default network — (the layout check,) zero the gradients, clip their global norm,
/// the AdamW step (two parameter groups), the weight average's update — per parameter (the trainer until the eighth
/// session) against the contiguous layout (<c>ContiguousParameters</c>, since the eighth). Networks of the default shape [256, 128] with LayerNorm
/// for four first-layer widths: 64 (an iris-like set: 4 embedded columns × 16), 128 (California: 8 × 16), 195
/// (Adult: 6 × 16 + 99 one-hot columns) and 1,360 (85 embedded columns, as the coil2000-like set of bench/FitPhases). The variants run interleaved step by step, so all see the same load; prints
/// the median microseconds per step and the ratio to the per-parameter update.
///   dotnet run -c Release --project bench/Engine.Bench -- optimizer [steps]
/// </summary>
static class OptimizerBench
{
    internal static void Run(string[] args)
    {
        int steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        Console.WriteLine($"Optimizer bench: zero + clip + AdamW + weight average per step, 1 thread, {steps} interleaved steps per variant; " +
                          $"{Environment.ProcessorCount} cores, load: {File.ReadAllText("/proc/loadavg").Trim()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        foreach (int inputs in new[] { 64, 128, 195, 1360 })
        {
            var variants = new List<Variant> { new(inputs, contiguous: false), new(inputs, contiguous: true) };
            for (int i = 0; i < steps / 10; i++)
                foreach (var v in variants) v.Step();
            var times = variants.Select(_ => new List<double>()).ToArray();
            for (int i = 0; i < steps; i++)
                for (int j = 0; j < variants.Count; j++) times[j].Add(variants[j].Step());
            double perParameter = Median(times[0]);
            Console.WriteLine($"first layer {inputs} inputs, {variants[0].Elements:N0} parameters:");
            for (int j = 0; j < variants.Count; j++)
            {
                double t = Median(times[j]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {variants[j].Name,-32} {t,8:0.0} µs   {perParameter / t:0.00}× the per-parameter speed"));
            }
            foreach (var v in variants) v.Dispose();
        }
    }

    private sealed class Variant : IDisposable
    {
        private readonly nn.Module<Tensor, Tensor> _network;
        private readonly ParameterGroups _groups;
        private readonly ContiguousParameters? _contiguous;
        private readonly optim.Optimizer _optimizer;
        private readonly Tensor[] _averaged, _average, _noise;
        private readonly Stopwatch _clock = new();

        internal Variant(int inputs, bool contiguous)
        {
            manual_seed(1);
            _network = nn.Sequential(("hidden0", nn.Linear(inputs, 256)), ("norm0", nn.LayerNorm(256)), ("hidden1", nn.Linear(256, 128)),
                ("norm1", nn.LayerNorm(128)), ("head", nn.Linear(128, 2)));
            _groups = ParameterGroups.Split(_network.named_parameters());
            _contiguous = contiguous ? ContiguousParameters.TryCreate(_groups) : null;
            _optimizer = OptimizerFactory.Create(_groups, OptimizerKind.AdamW, 1e-3, 0.01, 0.999, _contiguous);
            _averaged = _contiguous is { } flat ? [flat.Values] : _groups.All.ToArray<Tensor>();
            _average = _averaged.Select(t => t.detach().clone()).ToArray();
            _noise = _groups.All.Select(p => randn(p.shape)).ToArray();
            Name = contiguous ? "contiguous" : "per parameter";
            Elements = _groups.All.Sum(p => p.numel());
        }

        internal string Name { get; }
        internal long Elements { get; }

        /// <summary>Gradients set (untimed), then zero + clip + step + average (timed); microseconds.</summary>
        internal double Step()
        {
            using var scope = NewDisposeScope();
            using (no_grad())
            {
                for (int i = 0; i < _noise.Length; i++)
                {
                    using var grad = _groups.All[i].grad;
                    if (grad is null) _groups.All[i].grad = _noise[i].clone();
                    else grad.copy_(_noise[i]);
                }
            }
            _clock.Restart();
            if (_contiguous is { } contiguous)
            {
                contiguous.EnsureBound(); // the trainer's check after every backward
                contiguous.ClipGradientNorm(1.0);
            }
            else
                nn.utils.clip_grad_norm_(_groups.All, 1.0);
            _optimizer.step();
            using (no_grad())
            {
                using Scalar keep = 0.99, take = 0.01;
                for (int i = 0; i < _average.Length; i++)
                    _average[i].mul_(keep).add_(_averaged[i], alpha: take);
            }
            if (_contiguous is { } c)
                c.ZeroGradients();
            else
                _optimizer.zero_grad();
            return _clock.Elapsed.TotalMilliseconds * 1000;
        }

        public void Dispose()
        {
            _optimizer.Dispose();
            _contiguous?.Dispose();
            foreach (var t in _average.Concat(_noise)) t.Dispose();
            _network.Dispose();
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
