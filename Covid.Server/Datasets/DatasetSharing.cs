using Covid.Server.Tenancy;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;

namespace Covid.Server.Datasets;

/// <summary>SetDatasetShared: an admin makes a dataset readable by every user, or by its owner only again.</summary>
public sealed class DatasetSharing(DatasetRegistry registry)
{
    public DatasetInfo SetShared(Caller caller, string name, bool shared)
    {
        if (!registry.CanRead(caller, name))
        {
            throw ServiceException.NotFound($"dataset \"{name}\" does not exist");
        }
        if (!caller.IsAdmin)
        {
            throw new ServiceException(ErrorCode.PermissionDenied, $"only an admin may {(shared ? "share" : "unshare")} a dataset");
        }
        var access = registry.AccessOf(name);
        if (access.BuiltIn)
        {
            return shared
                ? registry.Find(name)!
                : throw ServiceException.FailedPrecondition($"dataset \"{name}\" is built in, and built-in datasets are always shared");
        }
        return registry.Reshare(name, shared);
    }
}
