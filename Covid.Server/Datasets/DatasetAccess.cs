namespace Covid.Server.Datasets;

/// <summary>
/// Who may use a dataset name. A property of the name, not of one load, so every later load (or
/// version) of a name keeps its owner and sharing.
/// </summary>
/// <param name="Owner">The principal that first loaded it; empty for built-in datasets.</param>
/// <param name="Shared">Readable by every user (built-in datasets, and those an admin shared).</param>
/// <param name="BuiltIn">Loaded by the server itself (Data:Seed, the sample, Data:InPlace); only admins may replace it.</param>
public sealed record DatasetAccess(string Owner, bool Shared, bool BuiltIn)
{
    public static DatasetAccess ServerBuiltIn { get; } = new("", Shared: true, BuiltIn: true);
}
