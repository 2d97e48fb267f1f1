namespace Covid.Cli;

/// <summary>How tables are written to standard output.</summary>
internal enum OutputFormat
{
    /// <summary>Aligned columns for people.</summary>
    Table,
    /// <summary>RFC 4180 CSV with a header row.</summary>
    Csv,
    /// <summary>A JSON array of objects.</summary>
    Json,
    /// <summary>A Parquet file (binary: redirect standard output to a file).</summary>
    Parquet,
}
