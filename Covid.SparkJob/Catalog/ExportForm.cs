namespace Covid.SparkJob.Catalog;

/// <summary>
/// The two CSV exports data.cdc.gov offers of every dataset. They name columns differently, so a
/// schema gives each field's name in each form it supports and the form is detected from a header.
/// </summary>
public enum ExportForm
{
    /// <summary>The Export button (<c>/api/views/ID/rows.csv</c>): display names, the whole header in order.</summary>
    Rows,

    /// <summary>The SODA API (<c>/resource/ID.csv</c>): API field names, any selection of them in any order.</summary>
    Soda,
}
