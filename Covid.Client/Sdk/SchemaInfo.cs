namespace Covid.Client;

/// <summary>A catalog schema on the server: how files of one CDC dataset are read and what specs over them may name.</summary>
public sealed record SchemaInfo
{
    /// <summary>What uploads and imports name as the schema.</summary>
    public required string Name { get; init; }

    /// <summary>The dataset's title.</summary>
    public string Title { get; init; } = "";

    /// <summary>The data.cdc.gov ids it reads (import them as "cdc:ID").</summary>
    public IReadOnlyList<string> CdcIds { get; init; } = [];

    /// <summary>The export forms files of this schema may come in.</summary>
    public IReadOnlyList<ExportForm> ExportForms { get; init; } = [];

    /// <summary>The rows.csv download link; empty when none.</summary>
    public string RowsUrl { get; init; } = "";

    /// <summary>The SODA link; empty when none.</summary>
    public string SodaUrl { get; init; } = "";

    /// <summary>The dataset's own period as schema files write it (day, week-ending-saturday, season …).</summary>
    public string Grain { get; init; } = "";

    /// <summary>The grain for people, e.g. "MMWR weeks (Sunday to Saturday)".</summary>
    public string GrainDescription { get; init; } = "";

    /// <summary>The field time runs along.</summary>
    public string TimeField { get; init; } = "";

    /// <summary>The dataset's own geography field; empty when it has none.</summary>
    public string GeographyField { get; init; } = "";

    /// <summary>The geo_level values its rows take.</summary>
    public IReadOnlyList<string> GeoLevels { get; init; } = [];

    /// <summary>"built-in", or the schema file's path on the server.</summary>
    public string Source { get; init; } = "";

    /// <summary>Every field, the derived ones included.</summary>
    public IReadOnlyList<DatasetField> Fields { get; init; } = [];
}
