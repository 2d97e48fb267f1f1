namespace Covid.Client;

/// <summary>A named, typed column of a <see cref="AnalysisResult"/>.</summary>
/// <param name="Name">The column name: "period", a group-by field or a metric name.</param>
/// <param name="Kind">The type of every non-null cell in the column.</param>
public sealed record ResultColumn(string Name, ColumnKind Kind);
