// Scores a saved ML.NET model on a CSV of feature rows and compares with expected scores.
// Usage: ScoreWithoutLibrary <model.zip> <rows.csv> [tolerance]
//   rows.csv: a header, then one row per example. Columns named like the model's input columns are fed to the
//   model (Single, Double, Boolean or String); columns named Expected0, Expected1, … hold the expected Score
//   (one for binary/regression, K for a multiclass Score vector). Invariant culture, comma-separated.
// Exit code 0 when every score is within tolerance (default 1e-5, absolute, or relative for |score| > 1),
// 1 otherwise (or on bad input).
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

if (args.Length < 2)
{
    Console.Error.WriteLine("Usage: ScoreWithoutLibrary <model.zip> <rows.csv> [tolerance]");
    return 1;
}

try
{
    double tolerance = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 1e-5;
    var ml = new MLContext(seed: 0);
    var model = ml.Model.Load(args[0], out var inputSchema);

    var header = File.ReadLines(args[1]).First().Split(',');
    var columns = new List<TextLoader.Column>();
    foreach (var column in inputSchema)
    {
        int index = Array.IndexOf(header, column.Name);
        if (index < 0)
            continue; // e.g. a label the scoring chain does not read
        var kind = column.Type.RawType == typeof(float) ? DataKind.Single
            : column.Type.RawType == typeof(double) ? DataKind.Double
            : column.Type.RawType == typeof(bool) ? DataKind.Boolean
            : DataKind.String;
        columns.Add(new TextLoader.Column(column.Name, kind, index));
    }
    var expectedIndices = header.Select((name, i) => (name, i)).Where(c => c.name.StartsWith("Expected", StringComparison.Ordinal))
        .OrderBy(c => int.Parse(c.name["Expected".Length..], CultureInfo.InvariantCulture)).Select(c => c.i).ToArray();
    if (expectedIndices.Length == 0)
        throw new InvalidDataException("rows.csv has no Expected0 column.");
    columns.Add(new TextLoader.Column("Expected", DataKind.Single, expectedIndices.Select(i => new TextLoader.Range(i)).ToArray()));

    var data = ml.Data.LoadFromTextFile(args[1], columns.ToArray(), separatorChar: ',', hasHeader: true);
    var scored = model.Transform(data);
    var scoreColumn = scored.Schema["Score"];
    int width = scoreColumn.Type is VectorDataViewType v ? v.Size : 1;
    if (width != expectedIndices.Length)
        throw new InvalidDataException($"The model's Score has {width} value(s) per row but rows.csv has {expectedIndices.Length} Expected columns.");

    int rows = 0, mismatches = 0;
    double worst = 0;
    using (var cursor = scored.GetRowCursor(new[] { scoreColumn, scored.Schema["Expected"] }))
    {
        var expectedColumn = scored.Schema["Expected"];
        ValueGetter<VBuffer<float>>? expectedVector = expectedColumn.Type is VectorDataViewType ? cursor.GetGetter<VBuffer<float>>(expectedColumn) : null;
        ValueGetter<float>? expectedScalar = expectedVector is null ? cursor.GetGetter<float>(expectedColumn) : null;
        ValueGetter<float>? scalar = width == 1 && scoreColumn.Type is not VectorDataViewType ? cursor.GetGetter<float>(scoreColumn) : null;
        ValueGetter<VBuffer<float>>? vector = scalar is null ? cursor.GetGetter<VBuffer<float>>(scoreColumn) : null;
        var expected = default(VBuffer<float>);
        float expectedValue = 0;
        var actualVector = default(VBuffer<float>);
        float actualScalar = 0;
        while (cursor.MoveNext())
        {
            float[] e;
            if (expectedScalar != null) { expectedScalar(ref expectedValue); e = new[] { expectedValue }; }
            else { expectedVector!(ref expected); e = expected.DenseValues().ToArray(); }
            float[] a;
            if (scalar != null) { scalar(ref actualScalar); a = new[] { actualScalar }; }
            else { vector!(ref actualVector); a = actualVector.DenseValues().ToArray(); }
            for (int j = 0; j < width; j++)
            {
                double diff = Math.Abs(a[j] - e[j]) / Math.Max(1.0, Math.Abs(e[j]));
                worst = Math.Max(worst, diff);
                if (!(diff <= tolerance))
                {
                    if (mismatches++ < 5)
                        Console.Error.WriteLine($"row {rows}, score {j}: expected {e[j].ToString("R", CultureInfo.InvariantCulture)}, got {a[j].ToString("R", CultureInfo.InvariantCulture)}");
                }
            }
            rows++;
        }
    }

    Console.WriteLine($"Scored {rows} rows with {width} score value(s) each; largest difference {worst.ToString("G3", CultureInfo.InvariantCulture)}; {mismatches} mismatch(es) above {tolerance.ToString(CultureInfo.InvariantCulture)}.");
    Console.WriteLine("Loaded assemblies: " + string.Join(", ", AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name)
        .Where(n => n!.StartsWith("Microsoft.ML", StringComparison.Ordinal) || n.Contains("Torch", StringComparison.OrdinalIgnoreCase)).OrderBy(n => n)));
    if (AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name!.StartsWith("Microsoft.ML.Dropout", StringComparison.Ordinal)))
    {
        Console.Error.WriteLine("A Microsoft.ML.Dropout assembly was loaded; this process must score without it.");
        return 1;
    }
    return rows > 0 && mismatches == 0 ? 0 : 1;
}
catch (Exception ex)
{
    Console.Error.WriteLine($"{ex.GetType().Name}: {ex.Message}");
    return 1;
}
