using System.Globalization;

namespace MLNetRegularization.Bench.FitPhases;

/// <summary>Prints the median of every phase over the timed fits of one set, in milliseconds and as a share of the Fit.</summary>
internal static class PhaseReport
{
    public static void Print(SyntheticSet set, IReadOnlyList<FitPhaseTimes> fits)
    {
        double Median(Func<FitPhaseTimes, double> phase)
        {
            var values = fits.Select(phase).OrderBy(v => v).ToArray();
            return values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
        }
        double total = Median(f => f.Total);
        double epochs = Median(f => f.Epochs);
        Console.WriteLine();
        Console.WriteLine($"## {set.Name}: {set.Rows} rows × {set.Features} features, {set.Task}; median of {fits.Count} fits, {epochs:0} epochs");
        Console.WriteLine("| phase | ms | share of Fit | ms per epoch |");
        Console.WriteLine("|---|---:|---:|---:|");
        void Row(string name, double seconds, bool perEpoch = false) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {seconds * 1000:0.0} | {(total > 0 ? seconds / total : 0):0.0%} | {(perEpoch && epochs > 0 ? (seconds * 1000 / epochs).ToString("0.00", CultureInfo.InvariantCulture) : "")} |"));
        Row("**Fit (ML.NET trainer)**", total);
        Row("Fit, process CPU time", Median(f => f.TotalCpu));
        Row("prepare (read, checks, split, front, network, tensors, optimizer)", Median(f => f.Prepare));
        Row("epochs: minibatches", Median(f => f.Batches), perEpoch: true);
        Row("epochs: validation + end-of-epoch callbacks", Median(f => f.ValidationAndCallbacks), perEpoch: true);
        Row("best-weights restore", Median(f => f.Restore));
        Row("finish (snapshot, scoring chain, model)", Median(f => f.Finish));
        Row("rest (epoch gaps: train(), dropout/LR schedules)", Median(f => f.Total - f.Prepare - f.Batches - f.ValidationAndCallbacks - f.Restore - f.Finish));
        Console.WriteLine("| *on their own:* | | | |");
        Row("IDataView read", Median(f => f.Read));
        Row("front fitting (quantile knots, PLE bins)", Median(f => f.FrontFit));
        Row("network construction (after the front)", Median(f => f.NetworkBuild));
        Row("one validation pass (10% of the rows)", Median(f => f.ValidationPass));
        Row("one best-weights copy (state_dict clone)", Median(f => f.WeightsCopy));
        Row("ONNX export", Median(f => f.OnnxExport));
        Row("scoring chain build (export + ApplyOnnxModel + head)", Median(f => f.ChainBuild));
    }
}
