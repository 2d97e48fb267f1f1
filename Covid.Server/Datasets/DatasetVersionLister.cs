using Covid.Server.Tenancy;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;

namespace Covid.Server.Datasets;

/// <summary>ListDatasetVersions: the kept versions of one dataset the caller may read, newest first, with the analyses pinning each.</summary>
public sealed class DatasetVersionLister(DatasetRegistry registry)
{
    public IReadOnlyList<(DatasetInfo Version, int ActiveAnalyses)> List(Caller caller, string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw ServiceException.InvalidArgument("name", "required: a dataset name");
        }
        if (!registry.CanRead(caller, name))
        {
            throw ServiceException.NotFound($"dataset \"{name}\" does not exist");
        }
        return registry.Versions(name).Reverse().Select(v => (v, registry.ActiveUses(v))).ToList();
    }
}
