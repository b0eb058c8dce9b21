using System.Globalization;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>Appends every evaluated candidate and its suite score to RESULTS.md (one row each; an identical row is not repeated).</summary>
internal static class ResultsLog
{
    public const string Heading = "## Suite search log (issue 11): every candidate and its suite score S";

    public static void Append(string path, IReadOnlyList<SuiteDataset> datasets, IEnumerable<(OptionsCandidate Candidate, SuiteScore Score)> rows)
    {
        var ci = CultureInfo.InvariantCulture;
        string existing = File.Exists(path) ? File.ReadAllText(path) : "";
        var lines = new List<string>();
        if (!existing.Contains(Heading, StringComparison.Ordinal))
        {
            lines.Add("");
            lines.Add(Heading);
            lines.Add("");
            lines.Add("Appended by `dotnet run -c Release --project bench/Quality -- tune --candidates …`: validation split (20%, seed 42, " +
                      "stratified) of each dataset's training part, our seeds 1–3, d per dataset against LightGBM on the same split, S = mean d " +
                      "(higher is better; 0 = LightGBM level). Columns after S: d per dataset in the order adult, california-housing, credit-data, " +
                      "coil2000 (AUC), hmda (AUC), dna, hpc-data, ames, cps1988, concrete, german-credit, breast-cancer, boston-housing, iris.");
            lines.Add("");
            lines.Add("| candidate | what it sets | S | datasets | " + string.Join(" | ", SuiteDatasets.Scored.Select(d => d.Name)) + " |");
            lines.Add("|---|---|---:|---:|" + string.Concat(SuiteDatasets.Scored.Select(_ => "---:|")));
        }
        foreach (var (candidate, score) in rows)
        {
            string cells = string.Join(" | ", SuiteDatasets.Scored.Select(d =>
                score.D.TryGetValue(d.Name, out double v) ? v.ToString("+0.00;-0.00", ci) : score.Failed.Contains(d.Name) ? "failed" : "–"));
            string row = $"| {candidate.Name} | {candidate.Description} | {score.S.ToString("+0.00;-0.00", ci)} | {score.D.Count}/{datasets.Count} | {cells} |";
            if (!existing.Contains(row, StringComparison.Ordinal)) lines.Add(row);
        }
        File.AppendAllLines(path, lines);
    }
}
