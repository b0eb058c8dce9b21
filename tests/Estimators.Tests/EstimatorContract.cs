using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>
/// The estimator contract every trainer must keep (after ML.NET's TestEstimatorCore): the shape it promises is
/// the schema it produces, invalid input throws from both GetOutputSchema and Fit, and fit then transform works.
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
        Assert.Equal(transformer.GetOutputSchema(valid.Schema).Select(c => c.Name), produced.Schema.Select(c => c.Name));

        // Fit then transform yields rows.
        using (var cursor = produced.GetRowCursor(produced.Schema))
            Assert.True(cursor.MoveNext());

        // Invalid input throws.
        Assert.ThrowsAny<ArgumentException>(() => estimator.GetOutputSchema(invalidShape));
        Assert.ThrowsAny<ArgumentException>(() => estimator.Fit(invalid));
    }

    public sealed class NoColumns
    {
    }
}
