namespace Covid.Client;

/// <summary>The two CSV exports data.cdc.gov offers of every dataset.</summary>
public enum ExportForm
{
    /// <summary>Not reported.</summary>
    Unspecified = 0,
    /// <summary>The Export button's rows.csv: display names, the whole header in order.</summary>
    RowsCsv = 1,
    /// <summary>The SODA API's /resource/ID.csv: API field names, any selection in any order.</summary>
    Soda = 2,
}
