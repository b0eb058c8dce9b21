using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Microsoft.ML.Dropout.Estimators.Data.Streaming;

/// <summary>
/// Training rows spilled to a local binary file (float32: features, label, then the weight when there is one),
/// read back in fixed-size blocks of <see cref="BlockRows"/> rows in any order. The file lives in a directory of
/// its own under the cache directory, which <see cref="Dispose"/> deletes whatever happened.
/// </summary>
internal sealed class RowCache : IDisposable
{
    private readonly int _rowFloats;
    private readonly float[] _pending;
    private FileStream? _writer;
    private SafeFileHandle? _reader;
    private int _pendingRows;

    /// <summary>Creates the directory and the empty cache file.</summary>
    /// <param name="directory">Where to create the cache's own directory: the <c>StreamingCacheDirectory</c> option, or null for the system temp directory.</param>
    /// <param name="rowFloats">Floats per row (features + label + optional weight).</param>
    /// <param name="blockRows">Rows per block.</param>
    internal RowCache(string? directory, int rowFloats, int blockRows)
    {
        _rowFloats = rowFloats;
        BlockRows = blockRows;
        _pending = new float[(long)blockRows * rowFloats];
        Directory = Path.Combine(directory ?? Path.GetTempPath(), "mlnet-dropout-stream-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, "rows.f32");
        _writer = new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1);
    }

    /// <summary>The cache's own directory (deleted by <see cref="Dispose"/>).</summary>
    internal string Directory { get; }

    /// <summary>The cache file.</summary>
    internal string FilePath { get; }

    /// <summary>Rows per block (the last block may hold fewer).</summary>
    internal int BlockRows { get; }

    /// <summary>Rows written.</summary>
    internal long RowCount { get; private set; }

    /// <summary>Blocks written.</summary>
    internal int BlockCount => (int)((RowCount + BlockRows - 1) / BlockRows);

    /// <summary>Appends a row (writes a block to the file each time one fills).</summary>
    internal void Append(ReadOnlySpan<float> features, float label, float weight)
    {
        var row = _pending.AsSpan(_pendingRows * _rowFloats, _rowFloats);
        features.CopyTo(row);
        row[features.Length] = label;
        if (_rowFloats > features.Length + 1)
            row[features.Length + 1] = weight;
        RowCount++;
        if (++_pendingRows == BlockRows)
            Flush();
    }

    /// <summary>Writes the last partial block and opens the file for reading.</summary>
    internal void FinishWriting()
    {
        Flush();
        _writer!.Dispose();
        _writer = null;
        _reader = File.OpenHandle(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
    }

    /// <summary>Reads block <paramref name="block"/> into <paramref name="buffer"/> (row-major, <c>rowFloats</c> per row); returns its row count.</summary>
    internal int ReadBlock(int block, float[] buffer)
    {
        int rows = (int)Math.Min(BlockRows, RowCount - (long)block * BlockRows);
        var bytes = MemoryMarshal.AsBytes(buffer.AsSpan(0, rows * _rowFloats));
        long offset = (long)block * BlockRows * _rowFloats * sizeof(float);
        for (int read = 0; read < bytes.Length;)
        {
            int n = RandomAccess.Read(_reader!, bytes[read..], offset + read);
            if (n == 0)
                throw new IOException($"The streaming cache file '{FilePath}' ended inside block {block}: it was changed or truncated while training.");
            read += n;
        }
        return rows;
    }

    private void Flush()
    {
        if (_pendingRows == 0)
            return;
        _writer!.Write(MemoryMarshal.AsBytes(_pending.AsSpan(0, _pendingRows * _rowFloats)));
        _pendingRows = 0;
    }

    /// <summary>Closes the file and deletes the cache's directory.</summary>
    public void Dispose()
    {
        _writer?.Dispose();
        _reader?.Dispose();
        _writer = null;
        _reader = null;
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}
