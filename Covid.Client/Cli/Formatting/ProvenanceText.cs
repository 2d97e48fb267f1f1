using System.Globalization;
using System.Text.Json;

namespace Covid.Cli.Formatting;

/// <summary>Where a result's numbers come from, for people (one line) and for machines (a JSON object).</summary>
internal static class ProvenanceText
{
    /// <summary>"cdc-cases-deaths-by-state version 2 · data as of 2021-05-31 · upload:file.csv · sha256 3f2a…".</summary>
    public static string Line(DatasetVersionInfo v) =>
        $"{v.Dataset} version {v.Version} · data as of {Day(v.DataAsOf)} · {v.Source}{(v.Sha256.Length > 0 ? " · sha256 " + v.Sha256 : "")}{(v.Synthetic ? " · SYNTHETIC" : "")}";

    /// <summary>The footer under a result table: its source, and the version a comparison read.</summary>
    public static IEnumerable<string> Footer(DatasetVersionInfo? version, DatasetVersionInfo? compared)
    {
        if (version is not null)
        {
            yield return "source: " + Line(version);
        }
        if (compared is not null)
        {
            yield return "compared with: " + Line(compared);
        }
    }

    /// <summary>The "dataset" and (with a comparison) "compareTo" properties of the JSON object being written.</summary>
    public static void WriteProperties(Utf8JsonWriter json, DatasetVersionInfo? version, DatasetVersionInfo? compared)
    {
        if (version is not null)
        {
            json.WritePropertyName("dataset");
            Write(json, version);
        }
        if (compared is not null)
        {
            json.WritePropertyName("compareTo");
            Write(json, compared);
        }
    }

    public static void Write(Utf8JsonWriter json, DatasetVersionInfo v)
    {
        json.WriteStartObject();
        json.WriteString("dataset", v.Dataset);
        json.WriteNumber("version", v.Version);
        json.WriteString("dataAsOf", Day(v.DataAsOf));
        json.WriteString("dataAsOfBasis", v.DataAsOfBasis);
        json.WriteString("source", v.Source);
        json.WriteString("sha256", v.Sha256);
        json.WriteString("loadTime", AnalysisTables.Time(v.LoadTime));
        json.WriteBoolean("synthetic", v.Synthetic);
        json.WriteEndObject();
    }

    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
