namespace Covid.Client;

/// <summary>
/// A declarative analysis over one dataset, with the SDK's own typed parts. Build one with
/// <see cref="For"/> (fluent, checked for shape by <see cref="AnalysisSpecBuilder.Build"/>), or read the
/// proto3 JSON form kept in files with <see cref="FromJson"/>. Whether it is valid for its dataset
/// (field names, types) is the server's to say: <see cref="CovidClient.ExplainAsync(AnalysisSpec, CancellationToken)"/>.
/// </summary>
public sealed record AnalysisSpec
{
    /// <summary>A loaded dataset, e.g. "cdc-cases-deaths-by-state".</summary>
    public required string Dataset { get; init; }

    /// <summary>First day included, over the dataset's date field; null for no lower bound.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day included; null for no upper bound.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Rows must match every filter.</summary>
    public IReadOnlyList<Filter> Filters { get; init; } = [];

    /// <summary>Dimension fields to group by, in result column order.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>The time bucket, adding the <c>period</c> column; <see cref="TimeBucket.None"/> for none.</summary>
    public TimeBucket TimeBucket { get; init; }

    /// <summary>At least one metric.</summary>
    public IReadOnlyList<Metric> Metrics { get; init; } = [];

    /// <summary>Sort keys; without them rows are sorted by period, then the group-by fields.</summary>
    public IReadOnlyList<SortKey> OrderBy { get; init; } = [];

    /// <summary>At most this many rows; 0 for the server's maximum.</summary>
    public int Limit { get; init; }

    /// <summary>Keeps the top rows by a metric; null for all.</summary>
    public TopN? TopN { get; init; }

    /// <summary>The chart to draw; null for none.</summary>
    public PlotSpec? Plot { get; init; }

    /// <summary>Where it runs; <see cref="AnalysisEngine.Unspecified"/> or <see cref="AnalysisEngine.Auto"/> lets the server choose.</summary>
    public AnalysisEngine Engine { get; init; }

    /// <summary>
    /// Read the dataset as it was known on this day: the version whose data-as-of is the latest on or
    /// before it (ties: the later load). Not with <see cref="Version"/>; without either the newest version is read.
    /// </summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Read this version of the dataset (1, 2, 3 … in load order); 0 for the newest (or <see cref="AsOf"/>'s).</summary>
    public int Version { get; init; }

    /// <summary>Another version to compare with, adding <c>m_then</c> and <c>m_revision</c> per metric; null for none.</summary>
    public ComparedVersion? CompareTo { get; init; }

    /// <summary>True when a succeeded analysis of this spec has a chart.</summary>
    public bool HasPlot => Plot is not null;

    /// <summary>Starts a spec over <paramref name="dataset"/>.</summary>
    public static AnalysisSpecBuilder For(string dataset) => new(dataset);

    /// <summary>Reads the proto3 JSON form (as in deploy/examples/); unknown fields are errors, not dropped.</summary>
    /// <exception cref="InvalidSpecException">Empty, not JSON, or not an analysis spec, naming the problem.</exception>
    public static AnalysisSpec FromJson(string json) => SpecMapping.FromProto(SpecJson.Parse(json));

    /// <summary>The proto3 JSON form, indented, as the server and <see cref="FromJson"/> read it.</summary>
    public string ToJson() => SpecJson.Format(SpecMapping.ToProto(this));

    /// <summary>The problems of shape the SDK can see without the server, each under its field path (empty when none).</summary>
    public IReadOnlyList<FieldViolation> Validate() => SpecShape.Check(this);
}
