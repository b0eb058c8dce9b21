// Database: trains from a SQL table and from a binary .idv file without holding the data in memory. Writes a
// synthetic table into an embedded SQLite database (Microsoft.Data.Sqlite, nothing to install or start), loads it
// with ML.NET's DatabaseLoader (train and test rows picked by SQL), trains with a small MemoryBudgetBytes so the
// trainer streams, evaluates, saves model.zip and reloads it; then does the same from the .idv file. The same code
// points at PostgreSQL (NpgsqlFactory.Instance) or SQL Server (SqlClientFactory.Instance): see README, "Training
// from databases and large files".
//
//   dotnet run --project samples/Database [-- --rows 200000 --budget-mb 2 --epochs 5 --out out/Database]
using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Datasets;
using Microsoft.ML.Dropout.Estimators;
using MLNetRegularization.Samples;
using MLNetRegularization.Samples.Reporting;

const string Usage = "Database [--rows N (default 200000)] [--budget-mb N (default 2)] [--epochs N (default 5)] [--out DIR (default out/Database)] [--seed N]";
return SampleApp.Run(args, Usage, () =>
{
    int rows = Arguments.Int(args, "--rows", 200_000);
    long budget = Arguments.Int(args, "--budget-mb", 2) * (1L << 20);
    int epochs = SampleApp.Epochs(args, 5);
    int seed = SampleApp.Seed(args);
    string output = SampleApp.OutputDirectory(args, "Database");
    var ml = new MLContext(seed: seed);

    // 1. A table in an embedded SQLite file: four features a..d and a 0/1 label (SyntheticTabular.Binary).
    string connectionString = ExampleTable.Write(Path.Combine(output, "examples.db"), rows, seed);
    ConsoleTables.Step($"SQLite table 'examples': {rows} rows × 4 features in {Path.Combine(output, "examples.db")}");

    // 2. ML.NET's DatabaseLoader: columns by position in the SELECT; every Fit or Transform runs the query again.
    var loader = ml.Data.CreateDatabaseLoader(
        new DatabaseLoader.Column("Features", DbType.Single, 0, 3),
        new DatabaseLoader.Column("Label", DbType.Boolean, 4));
    IDataView Query(string where) => loader.Load(new DatabaseSource(SqliteFactory.Instance, connectionString, $"SELECT a, b, c, d, label FROM examples WHERE {where}"));
    var train = Query("id % 5 <> 0");
    var test = Query("id % 5 = 0");

    // 3. Train with a small memory budget: above a third of it the trainer streams (Streaming = Auto, the default).
    var options = new RegularizedMlpBinaryTrainer.Options { MaxEpochs = epochs, WarmupEpochs = SampleApp.WarmupFor(epochs), Seed = seed, MemoryBudgetBytes = budget };
    var pipeline = ml.Transforms.NormalizeMinMax("Features").Append(ml.BinaryClassification.Trainers.RegularizedMlp(options));
    var model = pipeline.Fit(train);
    var mlp = model.LastTransformer.Model;
    foreach (var warning in mlp.Warnings)
        Console.WriteLine($"note: {warning}");
    double accuracy = ml.BinaryClassification.Evaluate(model.Transform(test)).Accuracy;
    Console.WriteLine($"From SQLite: test accuracy {accuracy.ToString("P2", CultureInfo.InvariantCulture)} after {mlp.History.Count} epochs, {mlp.TrainingSeconds:0.0} s");

    // 4. Save, reload in a fresh MLContext (a plain ML.NET chain: no TorchSharp) and score the test query again.
    string path = ModelFile.Save(ml, model, train.Schema, output);
    var (fresh, reloaded) = ModelFile.LoadFresh(path);
    double reloadedAccuracy = fresh.BinaryClassification.Evaluate(reloaded.Transform(test)).Accuracy;
    Console.WriteLine($"Reloaded model predicts the test rows with accuracy {reloadedAccuracy.ToString("P2", CultureInfo.InvariantCulture)} ({path})");

    // 5. The same from ML.NET's binary .idv format: SaveAsBinary once, LoadFromBinary streams it back.
    string idv = Path.Combine(output, "train.idv");
    using (var file = File.Create(idv))
        ml.Data.SaveAsBinary(train, file);
    var fromFile = pipeline.Fit(ml.Data.LoadFromBinary(idv));
    double idvAccuracy = ml.BinaryClassification.Evaluate(fromFile.Transform(test)).Accuracy;
    Console.WriteLine($"From {Path.GetFileName(idv)}: test accuracy {idvAccuracy.ToString("P2", CultureInfo.InvariantCulture)}");
    SqliteConnection.ClearAllPools();
    return 0;
});

/// <summary>Writes the sample's table into a new SQLite file.</summary>
internal static class ExampleTable
{
    /// <summary>Creates <paramref name="path"/> (replacing it) with table <c>examples(id, a, b, c, d, label)</c>; returns the connection string.</summary>
    public static string Write(string path, int rows, int seed)
    {
        File.Delete(path);
        var data = SyntheticTabular.Binary(rows, seed);
        string connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE examples (id INTEGER PRIMARY KEY, a REAL, b REAL, c REAL, d REAL, label INTEGER)";
            create.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO examples (a, b, c, d, label) VALUES ($a, $b, $c, $d, $label)";
        var values = new[] { "$a", "$b", "$c", "$d" }.Select(name => insert.Parameters.Add(name, SqliteType.Real)).ToArray();
        var label = insert.Parameters.Add("$label", SqliteType.Integer);
        for (int r = 0; r < data.RowCount; r++)
        {
            for (int f = 0; f < 4; f++)
                values[f].Value = data.Features[r * 4 + f];
            label.Value = data.Labels[r] > 0 ? 1 : 0;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return connectionString;
    }
}
