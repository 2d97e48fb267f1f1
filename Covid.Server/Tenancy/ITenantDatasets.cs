using Covid.SparkJob.Datasets;

namespace Covid.Server.Tenancy;

/// <summary>The datasets one caller may read: its own, the built-in ones and those an admin shared.</summary>
public interface ITenantDatasets
{
    IDatasetLookup VisibleTo(Caller caller);
}
