using Covid.SparkJob.Ingestion;

namespace Covid.Server.Storage;

/// <summary>Where the server keeps datasets and analyses (config section <c>Data</c>).</summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>Root of everything durable: <c>datasets/</c> and <c>analyses/</c> live under it.</summary>
    public string Directory { get; set; } = "./data";

    /// <summary>
    /// A cdc-cases-deaths-by-state CSV loaded at start when that dataset is not loaded yet. Without
    /// it the server generates the synthetic CDC-format sample so a fresh install can answer specs.
    /// </summary>
    public string? Seed { get; set; }

    /// <summary>
    /// Versions kept per dataset name: a load beyond it removes the oldest ones, except a version a
    /// queued or running analysis reads (it goes at a later load, once unused).
    /// </summary>
    public int KeepVersions { get; set; } = 10;

    /// <summary>Largest upload accepted, in bytes of the original file.</summary>
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Largest file ImportDataset downloads, in bytes; a larger one is refused and nothing is kept.</summary>
    public long MaxImportBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>How long ImportDataset may spend downloading, from the request to the last byte.</summary>
    public TimeSpan ImportTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Where ImportDataset fetches "cdc:ID" from: the SODA API's host (data.cdc.gov; a mirror or a test server otherwise).</summary>
    public string CdcBaseUrl { get; set; } = "https://data.cdc.gov";

    /// <summary>Rows per SODA page ($limit) when importing "cdc:ID".</summary>
    public int CdcPageSize { get; set; } = 50_000;

    /// <summary>
    /// CSV files registered in place at start (<c>Data:InPlace:NAME:Path</c> and <c>:Schema</c>):
    /// read where they lie, never copied. See Datasets/InPlaceRegistration.
    /// </summary>
    public Dictionary<string, InPlaceDataset> InPlace { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A directory of further dataset schema files (*.json, the format of the built-in ones),
    /// loaded at start beside the built-in schemas; a bad file stops the start with its name and key.
    /// </summary>
    public string? SchemaDirectory { get; set; }

    /// <summary>
    /// How a loaded dataset's original file is kept beside its Parquet copy: Zstd (original.csv.zst,
    /// about a third of the CSV), Gzip (original.csv.gz), None (original.csv as it came) or Discard
    /// (not kept: the Parquet copy is all that is stored).
    /// </summary>
    public OriginalCompression OriginalCompression { get; set; } = OriginalCompression.Zstd;

    /// <summary>Largest CSV record (a line, with any line breaks quoted inside it) an upload or import may have, in bytes.</summary>
    public int MaxCsvLineBytes { get; set; } = CsvLimits.DefaultLineBytes;

    /// <summary>Largest CSV cell, in bytes.</summary>
    public int MaxCsvCellBytes { get; set; } = CsvLimits.DefaultCellBytes;

    /// <summary>Most cells one CSV record may have.</summary>
    public int MaxCsvColumns { get; set; } = CsvLimits.DefaultColumns;

    /// <summary>
    /// DuckDB's memory for converting one upload or import to Parquet (a DuckDB size such as 256MB or
    /// 1GB); what does not fit spills to the staging directory. Bounds the server's memory per load.
    /// </summary>
    public string ConversionMemoryLimit { get; set; } = ConversionTarget.DefaultMemoryLimit;

    public CsvLimits CsvLimits => new(MaxCsvLineBytes, MaxCsvCellBytes, MaxCsvColumns);

    public string FullDirectory => Path.GetFullPath(Directory);
}
