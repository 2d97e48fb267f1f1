using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace Covid.Server.Grpc;

/// <summary>
/// The 5-byte prefix of a gRPC message on the wire (a compressed flag, then a big-endian length),
/// peeked at without consuming it: middleware that inspects a request leaves its bytes for grpc-dotnet.
/// </summary>
internal readonly record struct GrpcFramePrefix(bool Compressed, uint Length)
{
    public const int Bytes = 5;

    /// <summary>The first message's prefix, or null when the body is shorter than a prefix.</summary>
    public static async Task<GrpcFramePrefix?> PeekAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        var read = await reader.ReadAtLeastAsync(Bytes, cancellationToken);
        GrpcFramePrefix? prefix = null;
        if (read.Buffer.Length >= Bytes)
        {
            var bytes = new byte[Bytes];
            read.Buffer.Slice(0, Bytes).CopyTo(bytes);
            prefix = new GrpcFramePrefix(bytes[0] != 0, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)));
        }
        // Nothing consumed, nothing examined: grpc-dotnet's first read returns these bytes at once.
        reader.AdvanceTo(read.Buffer.Start);
        return prefix;
    }
}
