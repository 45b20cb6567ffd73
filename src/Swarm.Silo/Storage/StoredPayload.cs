using System.IO.Compression;

namespace Swarm.Silo.Storage;

/// <summary>
/// How a serialized grain state is stored (see <see cref="DeflatingGrainStorageSerializer"/>): small states as the
/// serializer wrote them, larger ones deflated behind a marker byte that no JSON text starts with. A study rewrites
/// thousands of agents' memories (kilobytes of repetitive JSON each) every round, and the one SQLite writer copying
/// them into the WAL was a round's slowest part; deflated they are about a fifth of the size. States written before
/// this codec are read as they are.
/// </summary>
public static class StoredPayload
{
    /// <summary>Below this size deflating saves less than it costs, and the row stays readable as it is.</summary>
    public const int CompressAbove = 1024;

    private const byte Deflated = 0x00;

    /// <summary>An output buffer that grew past this (a very large state) is let go after use rather than kept by its thread.</summary>
    private const int KeptBufferBytes = 1 << 20;

    [ThreadStatic] private static MemoryStream? t_deflated;

    public static byte[] Encode(ReadOnlySpan<byte> serialized)
    {
        if (serialized.Length <= CompressAbove) return serialized.ToArray();
        // The thread's buffer, not a fresh stream that grows by doubling: only the result is a new array.
        var buffer = t_deflated ??= new MemoryStream(16 * 1024);
        buffer.SetLength(0);
        buffer.WriteByte(Deflated);
        using (var deflate = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) deflate.Write(serialized);
        var stored = buffer.ToArray();
        if (buffer.Capacity > KeptBufferBytes) t_deflated = null;
        return stored;
    }

    public static BinaryData Decode(ReadOnlyMemory<byte> stored)
    {
        if (stored.Length == 0 || stored.Span[0] != Deflated) return BinaryData.FromBytes(stored);
        using var inflate = new ZLibStream(BinaryData.FromBytes(stored[1..]).ToStream(), CompressionMode.Decompress);
        using var output = new MemoryStream(stored.Length * 5);
        inflate.CopyTo(output);
        return BinaryData.FromBytes(output.GetBuffer().AsMemory(0, (int)output.Length));
    }
}
