using Covid.SparkJob.Datasets;

namespace Covid.Bench;

/// <summary>A lookup holding one dataset, so the same spec can be planned against either storage.</summary>
internal sealed class SingleDataset(DatasetInfo dataset) : IDatasetLookup
{
    public DatasetInfo? Find(string name) => name == dataset.Name ? dataset : null;
}
