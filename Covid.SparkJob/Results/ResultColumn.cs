namespace Covid.SparkJob.Results;

public sealed record ResultColumn(string Name, ColumnType Type);
