using Covid.Tests.Support;
using Covid.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Covid.Tests.Grpc.Reliability;

/// <summary>
/// Bytes that are no protobuf message of the RPC, sent to every RPC the server maps: each is
/// refused with a documented status (INVALID_ARGUMENT naming the message for the service's own
/// RPCs), never UNKNOWN "Exception was thrown by handler.".
/// </summary>
public sealed class MalformedMessageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly IReadOnlyDictionary<string, MessageDescriptor> Inputs =
        new[] { AnalysisService.Descriptor, DatasetService.Descriptor }
            .SelectMany(s => s.Methods)
            .ToDictionary(m => $"/{m.Service.FullName}/{m.Name}", m => m.InputType);

    public static TheoryData<string> Payloads => ["random bytes", "invalid UTF-8", "deep nesting"];

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task EveryRpc_MalformedMessage_DocumentedStatusNeverUnknown(string payload)
    {
        var invoker = fixture.Host.Channel.CreateCallInvoker();
        var checkedOwn = 0;
        foreach (var method in RawCalls.MappedMethods(fixture.Host))
        {
            Inputs.TryGetValue(method.FullName, out var input);
            if (Payload(payload, input) is not { } bytes)
            {
                continue;
            }

            var status = await RawCalls.CallAsync(invoker, method, bytes, Timeouts.Token());

            Assert.True(status.StatusCode != StatusCode.Unknown, $"{method.FullName}: UNKNOWN {status.Detail}");
            if (input is not null)
            {
                Assert.True(status.StatusCode == StatusCode.InvalidArgument, $"{method.FullName}: {status.StatusCode} {status.Detail}");
                Assert.Contains("not a valid", status.Detail, StringComparison.Ordinal);
                checkedOwn++;
            }
        }
        Assert.True(checkedOwn >= 4, $"only {checkedOwn} of the service's RPCs were checked");
    }

    /// <summary>
    /// The malformed bytes for a message of <paramref name="input"/> (null: another service's), or
    /// null when the message has no string field to hold invalid UTF-8.
    /// </summary>
    private static byte[]? Payload(string kind, MessageDescriptor? input) => kind switch
    {
        // A length-delimited field 1 whose length runs past the end.
        "random bytes" => [0x0A, 0x7F, 0x13, 0x37, 0xFF, 0xFE, 0x01, 0x80, 0x80],
        // The message's first string field holding 0xC3 0x28, which is not UTF-8.
        "invalid UTF-8" => input?.Fields.InFieldNumberOrder().FirstOrDefault(f => f.FieldType == FieldType.String) is { } field
            ? [.. Tag(field.FieldNumber), 0x02, 0xC3, 0x28]
            : null,
        // 200 nested groups of an unknown field 15: over protobuf's recursion limit of 100.
        _ => [.. Enumerable.Repeat((byte)0x7B, 200), .. Enumerable.Repeat((byte)0x7C, 200)],
    };

    private static byte[] Tag(int fieldNumber)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(fieldNumber, WireFormat.WireType.LengthDelimited);
        output.Flush();
        return buffer.ToArray();
    }
}
