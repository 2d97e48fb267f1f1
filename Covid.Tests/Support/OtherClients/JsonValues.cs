using System.Text;
using System.Text.Json;

namespace Covid.Tests.Support.OtherClients;

/// <summary>Reads text holding several JSON values one after another (buf curl's stream output, newline-delimited JSON).</summary>
internal static class JsonValues
{
    public static List<JsonElement> Parse(string text)
    {
        var values = new List<JsonElement>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            values.Add(document.RootElement.Clone());
        }
        return values;
    }
}
