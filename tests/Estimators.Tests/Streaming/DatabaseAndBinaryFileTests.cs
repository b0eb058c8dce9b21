using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Tests.Streaming;

/// <summary>
/// Real sources end to end: a SQLite table read by ML.NET's DatabaseLoader (row count unknown to the trainer) and
/// a binary .idv file, each trained by streaming with a 1 MiB budget, evaluated, saved and reloaded.
/// </summary>
[Collection("Sequential")]
public sealed class DatabaseAndBinaryFileTests : IDisposable
{
    private readonly MLContext _ml = new(0);
    private readonly string _directory = Directory.CreateTempSubdirectory("streaming-sources-tests-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private RegularizedMlpBinaryTrainer.Options Options() => new()
    {
        HiddenLayers = new[] { 32, 32 },
        MaxEpochs = 6,
        BatchSize = 256,
        MemoryBudgetBytes = 1 << 20,
        StreamingCacheDirectory = Path.Combine(_directory, "cache"),
    };

    /// <summary>Writes the rows into table <c>examples</c> (f0 … f9 REAL, label INTEGER) of a new database file; returns its connection string.</summary>
    private string WriteSqlite(IReadOnlyList<StreamingRows.Row> rows)
    {
        string connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "examples.db") }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var columns = Enumerable.Range(0, StreamingRows.Width).Select(i => $"f{i}").ToArray();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE examples ({string.Join(", ", columns.Select(c => c + " REAL NOT NULL"))}, label INTEGER NOT NULL)";
            create.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO examples VALUES ({string.Join(", ", columns.Select(c => "$" + c))}, $label)";
        var parameters = columns.Select(c => insert.Parameters.Add("$" + c, SqliteType.Real)).Append(insert.Parameters.Add("$label", SqliteType.Integer)).ToArray();
        foreach (var row in rows)
        {
            for (int i = 0; i < StreamingRows.Width; i++)
                parameters[i].Value = row.Features[i];
            parameters[^1].Value = row.Label ? 1 : 0;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return connectionString;
    }

    private double Accuracy(ITransformer model) =>
        _ml.BinaryClassification.Evaluate(model.Transform(_ml.Data.LoadFromEnumerable(StreamingRows.Binary(5_000, seed: 99)))).Accuracy;

    [Fact]
    public void Fit_SqliteTableThroughDatabaseLoader_StreamsTrainsEvaluatesAndSaves()
    {
        string connectionString = WriteSqlite(StreamingRows.Binary(30_000, seed: 1));
        var loader = _ml.Data.CreateDatabaseLoader(
            new DatabaseLoader.Column("Features", DbType.Single, 0, StreamingRows.Width - 1),
            new DatabaseLoader.Column("Label", DbType.Boolean, StreamingRows.Width));
        var table = loader.Load(new DatabaseSource(SqliteFactory.Instance, connectionString, "SELECT * FROM examples"));
        Assert.Null(table.GetRowCount());

        var model = new RegularizedMlpBinaryTrainer(Options()).Fit(table);
        Assert.Contains(model.Model.Warnings, w => w.StartsWith("Trained by streaming the"));
        double accuracy = Accuracy(model);
        Assert.True(accuracy > 0.93, $"accuracy {accuracy:F4}");

        string path = Path.Combine(_directory, "model.zip");
        _ml.Model.Save(model, table.Schema, path);
        Assert.Equal(accuracy, Accuracy(new MLContext(1).Model.Load(path, out _)), 3);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_directory, "cache")));
    }

    [Fact]
    public void Fit_BinaryIdvFile_StreamsAndTrains()
    {
        string path = Path.Combine(_directory, "examples.idv");
        using (var file = File.Create(path))
            _ml.Data.SaveAsBinary(_ml.Data.LoadFromEnumerable(StreamingRows.Binary(30_000, seed: 1)), file);
        var data = _ml.Data.LoadFromBinary(path);

        var model = new RegularizedMlpBinaryTrainer(Options()).Fit(data);
        Assert.Contains(model.Model.Warnings, w => w.StartsWith("Trained by streaming the"));
        Assert.True(Accuracy(model) > 0.93);
    }
}
