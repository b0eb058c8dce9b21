using System.Globalization;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// Adds every evaluated candidate and its suite score to RESULTS.md: one row each at the end of the search log's table
/// (which sections written later may follow), an identical row not repeated; the heading and table are created at the
/// end of the file the first time.
/// </summary>
internal static class ResultsLog
{
    public const string Heading = "## Suite search log (issue 11): every candidate and its suite score S";

    public static void Append(string path, IReadOnlyList<SuiteDataset> datasets, IEnumerable<(OptionsCandidate Candidate, SuiteScore Score)> rows)
    {
        var ci = CultureInfo.InvariantCulture;
        string existing = File.Exists(path) ? File.ReadAllText(path) : "";
        var header = new List<string>();
        if (!existing.Contains(Heading, StringComparison.Ordinal))
        {
            header.Add("");
            header.Add(Heading);
            header.Add("");
            header.Add("Appended by `dotnet run -c Release --project bench/Quality -- tune --candidates …`: validation split (20%, seed 42, " +
                       "stratified) of each dataset's training part, our seeds 1–3, d per dataset against LightGBM on the same split, S = mean d " +
                       "(higher is better; 0 = LightGBM level). Columns after S: d per dataset in the order adult, california-housing, credit-data, " +
                       "coil2000 (AUC), hmda (AUC), dna, hpc-data, ames, cps1988, concrete, german-credit, breast-cancer, boston-housing, iris.");
            header.Add("");
            header.Add("| candidate | what it sets | S | datasets | " + string.Join(" | ", SuiteDatasets.Scored.Select(d => d.Name)) + " |");
            header.Add("|---|---|---:|---:|" + string.Concat(SuiteDatasets.Scored.Select(_ => "---:|")));
        }
        var added = new List<string>();
        foreach (var (candidate, score) in rows)
        {
            string cells = string.Join(" | ", SuiteDatasets.Scored.Select(d =>
                score.D.TryGetValue(d.Name, out double v) ? v.ToString("+0.00;-0.00", ci) : score.Failed.Contains(d.Name) ? "failed" : "–"));
            string row = $"| {candidate.Name} | {candidate.Description} | {score.S.ToString("+0.00;-0.00", ci)} | {score.D.Count}/{datasets.Count} | {cells} |";
            if (!existing.Contains(row, StringComparison.Ordinal) && !added.Contains(row)) added.Add(row);
        }
        if (header.Count > 0)
        {
            File.AppendAllLines(path, [.. header, .. added]);
            return;
        }
        if (added.Count == 0)
            return;
        // The log's table ends at the first line after its heading's table that is not a table row.
        string newline = existing.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = existing.Split(newline).ToList();
        int at = lines.FindIndex(l => l == Heading);
        if (at < 0)
            at = lines.Count; // the heading inside a longer line: the rows go at the end, as before
        while (at < lines.Count && !lines[at].StartsWith('|')) at++;
        while (at < lines.Count && lines[at].StartsWith('|')) at++;
        lines.InsertRange(at, added);
        File.WriteAllText(path, string.Join(newline, lines));
    }
}
