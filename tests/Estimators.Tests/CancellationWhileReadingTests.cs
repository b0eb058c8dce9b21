using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Estimators.Data;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>
/// A CancellationToken cancelled while Fit is still reading the training data stops the read within a few thousand
/// rows: the data is a lazily generated view of ten million rows, cancelled by its own generator at row 10,000, and
/// the rows the cursor pulled are counted (no clock is read).
/// </summary>
[Collection("Sequential")]
public sealed class CancellationWhileReadingTests
{
    private const int TotalRows = 10_000_000;
    private const int CancelAtRow = 10_000;

    private sealed class Row
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    /// <summary>Rows made on demand; cancels <paramref name="cts"/> when row <see cref="CancelAtRow"/> is made.</summary>
    private static IEnumerable<Row> Generate(CancellationTokenSource cts, Action counted)
    {
        for (int i = 0; i < TotalRows; i++)
        {
            if (i == CancelAtRow) cts.Cancel();
            counted();
            yield return new Row { Features = new[] { i % 7, i % 3, i % 5, 1f }, Label = i % 2 == 0 };
        }
    }

    [Fact]
    public void Fit_TokenCancelledDuringTheRead_StopsTheCursorLongBeforeTheEnd()
    {
        var ml = new MLContext(0);
        using var cts = new CancellationTokenSource();
        long made = 0;
        var data = ml.Data.LoadFromEnumerable(Generate(cts, () => made++));
        var options = TestModels.BinaryOptions();
        options.CancellationToken = cts.Token;

        var error = Assert.ThrowsAny<OperationCanceledException>(() => ml.BinaryClassification.Trainers.RegularizedMlp(options).Fit(data));

        Assert.Equal(cts.Token, error.CancellationToken);
        // The read checks the token every RowsPerCancellationCheck rows, so it stops within one such stretch.
        Assert.InRange(made, CancelAtRow + 1, CancelAtRow + TrainingDataReader.RowsPerCancellationCheck + 1);
    }
}
