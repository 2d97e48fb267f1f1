namespace Covid.SparkJob.Ingestion;

/// <summary>
/// Where an intake's typed Parquet copy is written while the lines still arrive (<see cref="CsvIntake"/>),
/// and how much memory DuckDB may take for it (<c>Data:ConversionMemoryLimit</c>; DuckDB's own
/// default is 80% of the machine): what does not fit spills to disk beside the Parquet file, in
/// the staging directory, and is removed with it.
/// </summary>
/// <param name="ParquetPath">The Parquet file to write (a new file in the intake's directory).</param>
/// <param name="MemoryLimit">A DuckDB memory_limit, e.g. "256MB".</param>
public sealed record ConversionTarget(string ParquetPath, string MemoryLimit = ConversionTarget.DefaultMemoryLimit)
{
    /// <summary>With it a 2 GB upload keeps the server under 500 MB at its peak (bench/run.sh ingest-rss).</summary>
    public const string DefaultMemoryLimit = "256MB";
}
