using System.Buffers.Binary;

namespace Covid.Server.Grpc;

/// <summary>Reads a PNG's pixel size from its header, so the stored file is the single source of truth.</summary>
internal static class PngSize
{
    // 8-byte signature, then the IHDR chunk: length (4), type (4), width (4), height (4).
    public static (int Width, int Height) Read(ReadOnlySpan<byte> start) =>
        start.Length >= 24
            ? (BinaryPrimitives.ReadInt32BigEndian(start[16..]), BinaryPrimitives.ReadInt32BigEndian(start[20..]))
            : (0, 0);
}
