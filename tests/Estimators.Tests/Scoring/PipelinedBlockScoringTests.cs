using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Estimators.Scoring;

namespace Microsoft.ML.Dropout.Estimators.Tests.Scoring;

/// <summary>
/// Transform's cursor reads and scores the next block in a background task while the consumer is served the
/// current one (<see cref="BlockScoringCursor"/>): rows keep their order and their own passthrough values across
/// block boundaries, the scores equal the serial row-by-row path bit for bit, a failure while reading surfaces
/// unchanged from MoveNext, and disposing the cursor early stops the task before the input cursor is disposed.
/// Untrained random network with the folded tabular front (managed scoring): no TorchSharp involved.
/// </summary>
public sealed class PipelinedBlockScoringTests
{
    private const int BlockRows = BlockScorer.BlockRows;

    [Fact]
    public void Transform_ThreeBlocksAndAPartialBlock_ServesEachRowItsPassthroughValuesAndItsSerialScore()
    {
        var ml = new MLContext(0);
        const int rows = 3 * BlockRows + 77;
        var (model, raw) = FoldedEmbeddingScoringTests.Fitted(ml, rows);
        var featurized = model.First().Transform(raw);
        var (serialScores, serialIds) = SerialScores((RegularizedMlpPredictionTransformer)model.Last(), featurized);

        var scored = model.Transform(raw);
        using var cursor = scored.GetRowCursor(new[] { scored.Schema["Id"], scored.Schema["Note"], scored.Schema["Score"] });
        var id = cursor.GetGetter<int>(scored.Schema["Id"]);
        var note = cursor.GetGetter<ReadOnlyMemory<char>>(scored.Schema["Note"]);
        var score = cursor.GetGetter<float>(scored.Schema["Score"]);
        var rowId = cursor.GetIdGetter();
        int row = 0, idValue = 0;
        float scoreValue = 0;
        var noteValue = default(ReadOnlyMemory<char>);
        var rowIdValue = default(DataViewRowId);
        while (cursor.MoveNext())
        {
            Assert.Equal(row, cursor.Position);
            id(ref idValue);
            note(ref noteValue);
            score(ref scoreValue);
            rowId(ref rowIdValue);
            Assert.Equal(row, idValue);
            Assert.Equal($"row {row}", noteValue.ToString());
            Assert.Equal(serialIds[row], rowIdValue);
            Assert.True(BitConverter.SingleToInt32Bits(serialScores[row]) == BitConverter.SingleToInt32Bits(scoreValue),
                $"row {row}: {scoreValue:R} in Transform vs {serialScores[row]:R} row by row");
            row++;
        }
        Assert.Equal(rows, row);
        Assert.False(cursor.MoveNext());
        Assert.True(serialScores.Distinct().Count() > rows / 2, "the scores differ between rows, so a shifted row would show");
    }

    [Fact]
    public void Transform_InputFailsInTheSecondBlock_MoveNextRethrowsTheOriginalException()
    {
        var ml = new MLContext(0);
        var (model, raw) = FoldedEmbeddingScoringTests.Fitted(ml, 3 * BlockRows);
        const string message = "probe: row 3000 cannot be read";
        var probe = new ProbedDataView(model.First().Transform(raw), position => { if (position == 3000) throw new InvalidOperationException(message); });
        var scored = model.Last().Transform(probe);
        using var cursor = scored.GetRowCursor(new[] { scored.Schema["Score"] });
        var score = cursor.GetGetter<float>(scored.Schema["Score"]);
        int served = 0;
        float value = 0;

        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            while (cursor.MoveNext())
            {
                score(ref value);
                served++;
            }
        });

        Assert.Equal(message, error.Message);
        Assert.Equal(BlockRows, served);
        Assert.False(probe.LastCursor.Misused);
    }

    [Fact]
    public void Transform_CursorDisposedAfterThreeRows_StopsTheBackgroundTaskBeforeDisposingTheInput()
    {
        var ml = new MLContext(0);
        var (model, raw) = FoldedEmbeddingScoringTests.Fitted(ml, 10_000);
        using var backgroundReading = new ManualResetEventSlim();
        // Rows after the first block are slow, so the background task is still reading when the cursor is disposed.
        var probe = new ProbedDataView(model.First().Transform(raw), position =>
        {
            if (position < BlockRows) return;
            backgroundReading.Set();
            Thread.Sleep(1);
        });
        var scored = model.Last().Transform(probe);
        var cursor = Assert.IsType<BlockScoringCursor>(scored.GetRowCursor(new[] { scored.Schema["Score"] }));
        for (int i = 0; i < 3; i++)
            Assert.True(cursor.MoveNext());
        Assert.True(backgroundReading.Wait(TimeSpan.FromMinutes(1)), "the next block is read in the background");

        cursor.Dispose();

        Assert.NotNull(cursor.NextBlockTask);
        Assert.True(cursor.NextBlockTask!.IsCompleted, "the background task still runs after Dispose");
        var input = probe.LastCursor;
        Assert.True(input.Disposed);
        Assert.False(input.Misused, "the input cursor was moved after it was disposed, or by two threads at once");
        Assert.True(input.Rows < 2 * BlockRows, $"the task read {input.Rows - BlockRows} rows of the next block after Dispose asked it to stop");
    }

    /// <summary>Scores and row ids of <paramref name="featurized"/>, one row at a time on this thread (the PredictionEngine path).</summary>
    private static (float[] Scores, DataViewRowId[] Ids) SerialScores(RegularizedMlpPredictionTransformer mlp, IDataView featurized)
    {
        var mapper = mlp.GetRowToRowMapper(featurized.Schema);
        var scores = new List<float>();
        var ids = new List<DataViewRowId>();
        using var cursor = featurized.GetRowCursor(featurized.Schema);
        using var row = mapper.GetRow(cursor, mapper.OutputSchema.Where(c => c.Name == "Score"));
        var score = row.GetGetter<float>(mapper.OutputSchema["Score"]);
        var id = cursor.GetIdGetter();
        float value = 0;
        var idValue = default(DataViewRowId);
        while (cursor.MoveNext())
        {
            score(ref value);
            id(ref idValue);
            scores.Add(value);
            ids.Add(idValue);
        }
        return (scores.ToArray(), ids.ToArray());
    }
}
