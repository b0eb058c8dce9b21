namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>Checks shared by the tabular snapshot records.</summary>
internal static class SnapshotArrays
{
    /// <summary>Throws unless <paramref name="values"/> has <paramref name="expected"/> elements.</summary>
    internal static void CheckLength(string layer, string array, Array values, long expected)
    {
        ArgumentNullException.ThrowIfNull(values, array);
        if (values.LongLength != expected)
            throw new ArgumentException(
                $"Layer '{layer}': array '{array}' has {values.LongLength} values but its shape needs {expected}; rebuild the snapshot from the module.");
    }
}
