using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.Quality;

/// <summary>Our RegularizedMlp trainers with default options (added when the ML.NET estimators land).</summary>
internal static class OurTrainer
{
    public static IEnumerable<TrainerCandidate> For(TaskKind task, string dataset, BenchmarkArguments args)
    {
        Console.Error.WriteLine("RegularizedMlp: not available in this build yet (waiting for the ML.NET estimators).");
        return Array.Empty<TrainerCandidate>();
    }
}
