namespace Covid.Cli.Formatting;

/// <summary>What a load detected about the file, on stderr: its export form, fields it lacked, columns it had beyond the schema.</summary>
internal static class DatasetNotes
{
    public static void Write(DatasetInfo dataset, TextWriter error)
    {
        var form = dataset.ExportForm == ExportForm.Soda ? "a SODA export" : "a rows.csv export";
        var notes = new List<string> { $"read as {form}" };
        if (dataset.MissingFields.Count > 0)
        {
            notes.Add($"not in the file, so null: {string.Join(", ", dataset.MissingFields)}");
        }
        if (dataset.IgnoredColumns.Count > 0)
        {
            notes.Add($"columns the schema does not know, ignored: {string.Join(", ", dataset.IgnoredColumns)}");
        }
        error.WriteLine($"note: {dataset.Name} {string.Join("; ", notes)}");
        if (dataset.Version > 0)
        {
            error.WriteLine($"note: {dataset.Name} version {dataset.Version} ({dataset.VersionCount} {(dataset.VersionCount == 1 ? "version" : "versions")} kept), data as of {ProvenanceText.Day(dataset.DataAsOf)}, sha256 {dataset.Sha256}");
        }
    }
}
