using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Ingestion;

/// <summary>What the check of a whole CSV learned: its layout, its data rows, the span of its date field and its size.</summary>
public sealed record CsvStatistics(FileLayout Layout, long Rows, DateOnly? MinDate, DateOnly? MaxDate, long Bytes);
