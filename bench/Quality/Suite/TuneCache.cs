using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// One file per (candidate, dataset, seed) result under the cache folder, so a long search resumes where it stopped.
/// A cached result counts only while the candidate's description is unchanged (rename or re-describe a candidate
/// when its settings change).
/// </summary>
internal sealed class TuneCache(string folder)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>What is stored per file.</summary>
    internal sealed record Entry(string Candidate, string Description, string Dataset, int Seed, int ValidationRows, QualityResult Result);

    public string Folder => folder;

    public QualityResult? TryGet(string candidate, string description, string dataset, int seed)
    {
        string path = PathOf(candidate, dataset, seed);
        if (!File.Exists(path)) return null;
        try
        {
            var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(path), Json);
            return entry is not null && entry.Description == description ? entry.Result : null;
        }
        catch (JsonException)
        {
            return null; // a half-written file from an interrupted run: compute again
        }
    }

    public void Put(string candidate, string description, string dataset, int seed, int validationRows, QualityResult result)
    {
        string path = PathOf(candidate, dataset, seed);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(new Entry(candidate, description, dataset, seed, validationRows, result), Json));
        File.Move(temp, path, overwrite: true);
    }

    private string PathOf(string candidate, string dataset, int seed) =>
        Path.Combine(folder, Safe(candidate), Safe(dataset), $"seed-{seed}.json");

    private static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_'));
}
