namespace Microsoft.ML.Dropout;

/// <summary>When the ML.NET trainers train from passes over the IDataView instead of holding it in memory.</summary>
public enum StreamingMode
{
    /// <summary>Read into memory while the data takes at most a third of <c>MemoryBudgetBytes</c> (the in-memory path holds about three copies: the read buffers, the validation split and the tensors); stream when it is larger.</summary>
    Auto,
    /// <summary>Always hold the data in memory; data above <c>MemoryBudgetBytes</c> is refused with an error.</summary>
    Never,
    /// <summary>Always stream, whatever the size (useful to test the streaming path on small data).</summary>
    Always,
}
