namespace Covid.SparkJob.Datasets;

/// <summary>How a dataset's rows are stored for analyses.</summary>
public enum DatasetStorage
{
    /// <summary>Validated at load and converted to typed Parquet (<see cref="DatasetInfo.ParquetPath"/>).</summary>
    Parquet,

    /// <summary>
    /// A large CSV read where it lies (<see cref="DatasetInfo.OriginalPath"/>), header checked at
    /// registration, rows converted by the engine at query time.
    /// </summary>
    CsvInPlace,
}
