namespace MLNetRegularization.Bench.Quality;

/// <summary>What one trainer measured on one split (null = not applicable to the task).</summary>
internal sealed record QualityResult(string Trainer, double TrainSeconds, double RowsPerSecond)
{
    public double? Accuracy { get; init; }
    public double? Auc { get; init; }
    public double? MacroAccuracy { get; init; }
    public double? LogLoss { get; init; }
    public double? Ece { get; init; }
    public double? Rmse { get; init; }
    public double? Mae { get; init; }
    public double? RSquared { get; init; }
    /// <summary>Spread of accuracy over CV folds (standard deviation), when aggregated.</summary>
    public double? AccuracySpread { get; init; }
    public string? Note { get; init; }
    /// <summary>Rows of the evaluation part, when it is a validation split (suite search).</summary>
    public int? ValidationRows { get; init; }
}
