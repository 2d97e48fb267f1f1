using Covid.SparkJob.Datasets;

namespace Covid.Server.Tenancy;

/// <summary>The datasets one caller may read (its own, the built-in ones and those an admin shared), and the uses analyses make of them.</summary>
public interface ITenantDatasets
{
    IDatasetLookup VisibleTo(Caller caller);

    /// <summary>
    /// Holds <paramref name="planned"/> for a queued or running analysis until disposed: meanwhile
    /// it cannot be deleted. FAILED_PRECONDITION when it was deleted or replaced since it was planned.
    /// </summary>
    IDisposable Use(DatasetInfo planned);
}
