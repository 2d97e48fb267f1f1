using Covid.V1;
using V1 = Covid.V1;
using Google.Protobuf;

namespace Covid.Client;

/// <summary>Reads and writes specs in their proto3 JSON form, the form users keep in files.</summary>
internal static class SpecJson
{
    // Unknown fields are errors, not silently dropped: a misspelt "groupby" must not
    // quietly run an ungrouped analysis.
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithIndentation());

    /// <summary>Parses a spec; any JSON or schema error becomes an <see cref="InvalidSpecException"/>.</summary>
    public static V1.AnalysisSpec Parse(string specJson)
    {
        ArgumentNullException.ThrowIfNull(specJson);
        if (string.IsNullOrWhiteSpace(specJson))
        {
            throw new InvalidSpecException("The spec is empty; expected a JSON object such as {\"dataset\": \"cdc-cases-deaths-by-state\", ...}.");
        }

        try
        {
            return Parser.Parse<V1.AnalysisSpec>(specJson);
        }
        catch (Exception e) when (e is InvalidJsonException or InvalidProtocolBufferException or FormatException or InvalidOperationException)
        {
            throw new InvalidSpecException($"The spec is not a valid analysis spec: {e.Message}", innerException: e);
        }
    }

    /// <summary>The spec as indented proto3 JSON.</summary>
    public static string Format(V1.AnalysisSpec spec) => Formatter.Format(spec);
}
