namespace Covid.SparkJob.Datasets;

/// <summary>Finds loaded datasets by name; the server's dataset registry implements it.</summary>
public interface IDatasetLookup
{
    DatasetInfo? Find(string name);

    /// <summary>Names of the loaded datasets, so an unknown-dataset error can list the choices.</summary>
    IEnumerable<string> Names => [];
}
