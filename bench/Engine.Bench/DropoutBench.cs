using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Dropout.Modules;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// The default network's dropout on its two hidden activations (batch 256 × 256 and 256 × 128, rate 0.3), forward and
/// backward, three masks interleaved call by call in one process so that all see the same load: libtorch's
/// <c>torch.nn.functional.dropout</c> (<c>bernoulli_</c>, the library's mask until the sixth session), libtorch's
/// uniform fill compared with the keep probability (the sixth session's mask), and the library's
/// <see cref="InvertedDropout"/> (<c>CounterHashBernoulli</c>, since the seventh). Prints the median
/// microseconds per call and the ratios.
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
            var uniform = new List<double>();
            var library = new List<double>();
            Tensor UniformMask(Tensor t)
            {
                using var mask = rand(t.shape).lt_(1 - rate).div_(1 - rate);
                return t.mul(mask);
            }
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
                Once(UniformMask);
                Once(module.forward);
            }
            for (int i = 0; i < calls; i++)
            {
                libtorch.Add(Once(t => nn.functional.dropout(t, rate, true)));
                uniform.Add(Once(UniformMask));
                library.Add(Once(module.forward));
            }
            double bernoulli = Median(libtorch), uniformFill = Median(uniform), after = Median(library);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{shape[0]} × {shape[1]}: libtorch dropout (bernoulli_) {bernoulli:0.0} µs, uniform fill < keep {uniformFill:0.0} µs, " +
                $"InvertedDropout (counter hash) {after:0.0} µs; ratios {bernoulli / after:0.00}× and {uniformFill / after:0.00}×"));
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
