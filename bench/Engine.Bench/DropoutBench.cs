using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Dropout.Modules;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// The default network's dropout on its two hidden activations (batch 256 × 256 and 256 × 128, rate 0.3): libtorch's
/// <c>torch.nn.functional.dropout</c> (the mask the library drew before; <c>bernoulli_</c>) against the library's
/// <see cref="InvertedDropout"/> (uniform draws compared with the keep probability), forward and backward, interleaved
/// call by call in one process so that both see the same load. Prints the median microseconds per call and the ratio.
///   dotnet run -c Release --project bench/Engine.Bench -- dropout [calls]
/// </summary>
static class DropoutBench
{
    internal static void Run(string[] args)
    {
        int calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        const double rate = 0.3;
        Console.WriteLine($"Dropout bench: rate {rate}, forward + backward, 1 thread, {calls} interleaved calls per shape; " +
                          $"{Environment.ProcessorCount} cores, load: {File.ReadAllText("/proc/loadavg").Trim()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var module = new InvertedDropout(rate);
        module.train();
        foreach (var shape in new[] { new long[] { 256, 256 }, new long[] { 256, 128 } })
        {
            using var x = randn(shape).requires_grad_(true);
            var libtorch = new List<double>();
            var library = new List<double>();
            var clock = new Stopwatch();
            double Once(Func<Tensor, Tensor> dropout)
            {
                using var scope = NewDisposeScope();
                clock.Restart();
                dropout(x).sum().backward();
                double microseconds = clock.Elapsed.TotalMilliseconds * 1000;
                x.grad?.zero_();
                return microseconds;
            }
            for (int i = 0; i < calls / 10; i++) // warm-up
            {
                Once(t => nn.functional.dropout(t, rate, true));
                Once(module.forward);
            }
            for (int i = 0; i < calls; i++)
            {
                libtorch.Add(Once(t => nn.functional.dropout(t, rate, true)));
                library.Add(Once(module.forward));
            }
            double before = Median(libtorch), after = Median(library);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{shape[0]} × {shape[1]}: libtorch dropout (bernoulli_) {before:0.0} µs, InvertedDropout (uniform mask) {after:0.0} µs, ratio {before / after:0.00}×"));
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
