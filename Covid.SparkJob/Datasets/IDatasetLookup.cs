namespace Covid.SparkJob.Datasets;

/// <summary>Finds loaded datasets by name; the server's dataset registry implements it.</summary>
public interface IDatasetLookup
{
    DatasetInfo? Find(string name);
}
