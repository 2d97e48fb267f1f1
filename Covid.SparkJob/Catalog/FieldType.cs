namespace Covid.SparkJob.Catalog;

/// <summary>The typed value of a dataset field, as stored in the dataset's Parquet copy.</summary>
public enum FieldType
{
    Date,
    String,
    Int64,
    Double,
    Timestamp,
}
