using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// Dummy training rows for the multiclass head: one scaled one-hot row per class (sparse, so the head trains in
/// O(K²) per iteration), in a 1×K column (the type OnnxTransformer gives an [N, K] output), with a key-typed label
/// that carries the user's label key values (class names), so the head's PredictedLabel and Score slot names use them.
/// </summary>
internal static class MulticlassHeadData
{
    internal static IDataView Create(MLContext ml, int classCount, DataViewSchema.Column userLabel)
    {
        var definition = SchemaDefinition.Create(typeof(HeadRow));
        definition[ScoringChainFactory.HeadColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1, classCount);
        var label = definition["Label"];
        label.ColumnType = new KeyDataViewType(typeof(uint), classCount);
        var keyValues = userLabel.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (keyValues is { Type: VectorDataViewType { Size: var size } valuesType } && size == classCount)
        {
            typeof(MulticlassHeadData).GetMethod(nameof(CopyKeyValues), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(valuesType.ItemType.RawType)
                .Invoke(null, new object[] { userLabel, label, valuesType });
        }

        var rows = new List<HeadRow>();
        for (int repeat = 0; repeat < 2; repeat++)
            for (int k = 0; k < classCount; k++)
            {
                rows.Add(new HeadRow { Features = new VBuffer<float>(classCount, 1, new[] { 2f }, new[] { k }), Label = (uint)k });
            }
        return ml.Data.LoadFromEnumerable(rows, definition);
    }

    /// <summary>Copies the KeyValues annotation of <paramref name="userLabel"/> onto <paramref name="target"/>.</summary>
    private static void CopyKeyValues<T>(DataViewSchema.Column userLabel, SchemaDefinition.Column target, VectorDataViewType valuesType)
    {
        var values = default(VBuffer<T>);
        userLabel.Annotations.GetValue("KeyValues", ref values);
        target.AddAnnotation("KeyValues", values, valuesType);
    }

    /// <summary>Class names: the label's key values as text, or "0".."K−1" when it has none.</summary>
    internal static string[] ClassNames(DataViewSchema.Column label, int classCount)
    {
        var keyValues = label.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (keyValues is { Type: VectorDataViewType { Size: var size } valuesType } && size == classCount)
            return (string[])typeof(MulticlassHeadData).GetMethod(nameof(Names), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(valuesType.ItemType.RawType)
                .Invoke(null, new object[] { label })!;
        return Enumerable.Range(0, classCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    private static string[] Names<T>(DataViewSchema.Column label)
    {
        var values = default(VBuffer<T>);
        label.Annotations.GetValue("KeyValues", ref values);
        return values.DenseValues().Select(v => v?.ToString() ?? "").ToArray();
    }

    /// <summary>A dummy row; only the column types matter.</summary>
    private sealed class HeadRow
    {
        [ColumnName(ScoringChainFactory.HeadColumn)]
        public VBuffer<float> Features { get; set; }

        public uint Label { get; set; }
    }
}
