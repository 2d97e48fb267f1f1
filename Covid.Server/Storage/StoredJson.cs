using Google.Protobuf;

namespace Covid.Server.Storage;

/// <summary>How contract messages are written to and read from the data directory: proto3 JSON.</summary>
public static class StoredJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    // Newer servers may add fields; an older one reading them back should not refuse to start.
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static string Format(IMessage message) => Formatter.Format(message);

    public static T Parse<T>(string json) where T : IMessage<T>, new() => Parser.Parse<T>(json);
}
