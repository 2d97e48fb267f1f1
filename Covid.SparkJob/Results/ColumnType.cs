namespace Covid.SparkJob.Results;

/// <summary>Result column types; values are <see cref="DateOnly"/>, string, long and double.</summary>
public enum ColumnType
{
    Date,
    String,
    Int64,
    Double,
}
