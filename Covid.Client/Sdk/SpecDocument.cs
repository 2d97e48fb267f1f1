namespace Covid.Client;

/// <summary>
/// An analysis spec in its proto3 JSON form (the form kept in files), parsed and checked locally
/// with the same rules <see cref="CovidClient.SubmitAsync"/> applies, so a typo or an unknown field
/// can be reported before anything is sent. Whether the spec is valid for a dataset is the server's
/// to say (<see cref="CovidClient.ExplainAsync"/>).
/// </summary>
public sealed class SpecDocument
{
    private SpecDocument(string json, string dataset, bool hasPlot)
    {
        Json = json;
        Dataset = dataset;
        HasPlot = hasPlot;
    }

    /// <summary>The JSON exactly as given; pass it to <see cref="CovidClient.SubmitAsync"/> or <see cref="CovidClient.ExplainAsync"/>.</summary>
    public string Json { get; }

    /// <summary>The dataset the spec reads, or "" when it names none.</summary>
    public string Dataset { get; }

    /// <summary>True when the spec has a "plot" section, so a succeeded analysis of it has a chart.</summary>
    public bool HasPlot { get; }

    /// <summary>Parses a spec.</summary>
    /// <exception cref="CovidException">InvalidArgument: empty, not JSON, or not an analysis spec (e.g. an unknown field), naming the problem.</exception>
    public static SpecDocument Parse(string json)
    {
        var spec = SpecJson.Parse(json);
        return new SpecDocument(json, spec.Dataset, spec.Plot is not null);
    }
}
