namespace Covid.SparkJob.Datasets;

/// <summary>Finds loaded datasets by name; the server's dataset registry implements it.</summary>
public interface IDatasetLookup
{
    /// <summary>The newest version of <paramref name="name"/>.</summary>
    DatasetInfo? Find(string name);

    /// <summary>Names of the loaded datasets, so an unknown-dataset error can list the choices.</summary>
    IEnumerable<string> Names => [];

    /// <summary>Every kept version of <paramref name="name"/>, oldest first; a lookup without versions has just the one it finds.</summary>
    IReadOnlyList<DatasetInfo> Versions(string name) => Find(name) is { } found ? [found] : [];
}
