using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>
/// The estimator contract every trainer must keep, ported from ML.NET's TestEstimatorCore
/// (test/Microsoft.ML.TestFramework/DataPipe/TestDataPipeBase.cs): the shape it promises is the schema it produces
/// (annotations included) and the one GetOutputSchema reports; the row-to-row mapper reports the same input and
/// output schemas; input without the label, or with a label of the wrong type, still transforms (scoring needs no
/// label) to the same scores; invalid input fails at GetOutputSchema and Fit with ArgumentOutOfRangeException, empty
/// data at Fit with InvalidOperationException (ML.NET's types); the fitted and the saved-then-loaded transformer give
/// the same values.
/// </summary>
internal static class EstimatorContract
{
    /// <summary>
    /// A SchemaShape for the columns of <typeparamref name="TRow"/>. SchemaShape.Create(DataViewSchema) is internal;
    /// a CustomMapping with no input columns has exactly the output shape we need (tests only).
    /// </summary>
    public static SchemaShape ShapeOf<TRow>() where TRow : class, new() =>
        new MLContext(0).Transforms.CustomMapping<NoColumns, TRow>((_, _) => { }, null)
            .GetOutputSchema(new SchemaShape(Array.Empty<SchemaShape.Column>()));

    public static void Check<TTransformer>(IEstimator<TTransformer> estimator, IDataView valid, IDataView invalid, SchemaShape validShape, SchemaShape invalidShape)
        where TTransformer : ITransformer
    {
        // Output schema is propagated: every promised column exists in the produced schema with the same kind and item type.
        var promised = estimator.GetOutputSchema(validShape);
        var transformer = estimator.Fit(valid);
        var produced = transformer.Transform(valid);
        foreach (var column in promised)
        {
            var actual = produced.Schema.GetColumnOrNull(column.Name);
            Assert.True(actual.HasValue, $"promised column '{column.Name}' is missing from the output");
            var type = actual!.Value.Type;
            var item = type is VectorDataViewType v ? v.ItemType : type;
            Assert.Equal(column.ItemType.RawType, item.RawType);
            Assert.Equal(column.Kind == SchemaShape.Column.VectorKind.Scalar, type is not VectorDataViewType);
            Assert.Equal(column.IsKey, item is KeyDataViewType);
        }
        foreach (var column in promised)
            Assert.Subset(produced.Schema[column.Name].Annotations.Schema.Select(a => a.Name).ToHashSet(), column.Annotations.Select(a => a.Name).ToHashSet());
        Assert.Equal(Describe(transformer.GetOutputSchema(valid.Schema)), Describe(produced.Schema));

        // The row-to-row mapper reports the same schemas.
        var mapper = transformer.GetRowToRowMapper(valid.Schema);
        Assert.Same(valid.Schema, mapper.InputSchema);
        Assert.Equal(Describe(produced.Schema), Describe(mapper.OutputSchema));

        // Fit then transform yields rows.
        using (var cursor = produced.GetRowCursor(produced.Schema))
            Assert.True(cursor.MoveNext());

        // Scoring needs no label: without it, or with a label of another type, the scores are the same.
        var ml = new MLContext(0);
        var noLabel = ml.Transforms.DropColumns("Label").Fit(valid).Transform(valid);
        var wrongLabel = ml.Transforms.CopyColumns("Label", "Features").Fit(noLabel).Transform(noLabel);
        var scores = Scoring.BlockScoringTests.Values(produced, "Score");
        Scoring.BlockScoringTests.AssertSameColumn(scores, Scoring.BlockScoringTests.Values(transformer.Transform(noLabel), "Score"), "Score", 0);
        Scoring.BlockScoringTests.AssertSameColumn(scores, Scoring.BlockScoringTests.Values(transformer.Transform(wrongLabel), "Score"), "Score", 0);

        // The saved-then-loaded transformer gives the same values.
        var loaded = Scoring.BlockScoringTests.SaveAndLoad(transformer, valid.Schema).Transform(valid);
        foreach (var column in promised.Where(c => valid.Schema.GetColumnOrNull(c.Name) == null))
            Scoring.BlockScoringTests.AssertSameColumn(Scoring.BlockScoringTests.Values(loaded, column.Name), Scoring.BlockScoringTests.Values(produced, column.Name), column.Name, 1e-5);

        // Invalid input and empty data fail with ML.NET's exception types.
        Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(invalidShape));
        Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(invalid));
        Assert.Throws<InvalidOperationException>(() => estimator.Fit(ml.Data.SkipRows(valid, int.MaxValue)));
    }

    private static IEnumerable<(string, string, string)> Describe(DataViewSchema schema) =>
        schema.Select(c => (c.Name, c.Type.ToString() ?? "", string.Join(",", c.Annotations.Schema.Select(a => $"{a.Name}:{a.Type}"))));

    public sealed class NoColumns
    {
    }
}
