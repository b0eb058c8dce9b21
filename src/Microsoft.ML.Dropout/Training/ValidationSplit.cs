namespace Microsoft.ML.Dropout.Training;

/// <summary>Seeded hold-out split; stratified by class for classification so every class keeps its share.</summary>
internal static class ValidationSplit
{
    /// <summary>Returns (train, validation); validation is null when <paramref name="fraction"/> is 0 or rounds to no rows.</summary>
    internal static (TrainingData Train, TrainingData? Validation) Split(TrainingData data, double fraction, TaskKind task, int seed)
    {
        if (fraction <= 0)
            return (data, null);
        var rng = new Random(unchecked(seed * 7919 + 17));
        var groups = task == TaskKind.Regression
            ? new List<List<int>> { Enumerable.Range(0, data.RowCount).ToList() }
            : Enumerable.Range(0, data.RowCount).GroupBy(r => data.Labels[r]).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        var valid = new List<int>();
        foreach (var rows in groups)
        {
            Shuffle(rows, rng);
            int take = (int)Math.Round(fraction * rows.Count, MidpointRounding.AwayFromZero);
            take = Math.Min(take, rows.Count - 1);
            valid.AddRange(rows.Take(Math.Max(0, take)));
        }
        if (valid.Count == 0)
            return (data, null);
        valid.Sort();
        var inValid = new bool[data.RowCount];
        foreach (int r in valid) inValid[r] = true;
        var train = Enumerable.Range(0, data.RowCount).Where(r => !inValid[r]).ToArray();
        return (data.Subset(train), data.Subset(valid));
    }

    internal static void Shuffle<T>(IList<T> items, Random rng)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
