using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Streaming.Bench;

/// <summary>The training rows written once as a binary .idv file and as a SQLite table (f0 … f49 REAL, label INTEGER), and how each mode loads them.</summary>
internal sealed class BenchFiles(string directory)
{
    internal string Idv => Path.Combine(directory, "train.idv");
    internal string Sqlite => Path.Combine(directory, "train.db");
    // No connection pool: each query opens its own connection and nothing stays open between the modes.
    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Sqlite, Pooling = false }.ToString();

    /// <summary>Writes both files unless they exist for this row count (a marker file records it).</summary>
    internal void Prepare(int rows, int seed)
    {
        Directory.CreateDirectory(directory);
        string marker = Path.Combine(directory, $"rows-{rows}-seed-{seed}.ok");
        if (File.Exists(marker))
            return;
        var ml = new MLContext(seed);
        using (var file = File.Create(Idv))
            ml.Data.SaveAsBinary(ml.Data.LoadFromEnumerable(BenchRows.Generate(rows, seed)), file);
        WriteSqlite(rows, seed);
        File.WriteAllText(marker, DateTime.UtcNow.ToString("O"));
    }

    internal IDataView Load(MLContext ml, string mode) => mode == "sqlite"
        ? ml.Data.CreateDatabaseLoader(
                new DatabaseLoader.Column("Features", DbType.Single, 0, BenchRows.Width - 1),
                new DatabaseLoader.Column("Label", DbType.Boolean, BenchRows.Width))
            .Load(new DatabaseSource(SqliteFactory.Instance, ConnectionString, "SELECT * FROM train"))
        : ml.Data.LoadFromBinary(Idv);

    private void WriteSqlite(int rows, int seed)
    {
        File.Delete(Sqlite);
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        var columns = Enumerable.Range(0, BenchRows.Width).Select(j => $"f{j}").ToArray();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"PRAGMA journal_mode = OFF; CREATE TABLE train ({string.Join(", ", columns.Select(c => c + " REAL"))}, label INTEGER)";
            create.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO train VALUES ({string.Join(", ", columns.Select(c => "$" + c))}, $label)";
        var values = columns.Select(c => insert.Parameters.Add("$" + c, SqliteType.Real)).ToArray();
        var label = insert.Parameters.Add("$label", SqliteType.Integer);
        insert.Prepare();
        foreach (var row in BenchRows.Generate(rows, seed))
        {
            for (int j = 0; j < BenchRows.Width; j++)
                values[j].Value = (double)row.Features[j];
            label.Value = row.Label ? 1 : 0;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        SqliteConnection.ClearAllPools();
    }
}
