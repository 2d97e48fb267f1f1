namespace Covid.SparkJob.Ingestion;

/// <summary>How the original file of a loaded dataset is kept beside its Parquet copy (<c>Data:OriginalCompression</c>).</summary>
public enum OriginalCompression
{
    /// <summary>zstd at level 1 (<c>original.csv.zst</c>): a CSV export shrinks to about a third, at the cost of reading it once.</summary>
    Zstd,

    /// <summary>gzip, fastest level (<c>original.csv.gz</c>), for tools that know no zstd.</summary>
    Gzip,

    /// <summary>As it arrived (<c>original.csv</c>).</summary>
    None,

    /// <summary>Not kept: once converted, the Parquet copy is all that is stored.</summary>
    Discard,
}
