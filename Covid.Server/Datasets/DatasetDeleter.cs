using Covid.Server.Tenancy;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;

namespace Covid.Server.Datasets;

/// <summary>
/// DeleteDataset: who may delete what. The owner may delete its own datasets, an admin any; a
/// built-in or shared dataset, which every user reads, only an admin (the seed comes back at the
/// next start). Another user's private dataset is answered as if it did not exist.
/// </summary>
public sealed class DatasetDeleter(DatasetRegistry registry)
{
    public void Delete(Caller caller, string name)
    {
        if (!registry.CanRead(caller, name) || registry.Find(name) is not { } info)
        {
            throw ServiceException.NotFound($"dataset \"{name}\" does not exist");
        }
        var access = registry.AccessOf(name);
        if (!caller.IsAdmin && (access.BuiltIn || access.Shared || access.Owner != caller.Principal))
        {
            throw new ServiceException(ErrorCode.PermissionDenied,
                $"dataset \"{name}\" is {(access.BuiltIn ? "built in" : "shared with every user")}; only an admin may delete it");
        }
        if (info.Storage == DatasetStorage.CsvInPlace)
        {
            throw ServiceException.FailedPrecondition(
                $"dataset \"{name}\" is a CSV registered in place by the server's configuration (Data:InPlace:{name}); remove it there instead");
        }
        registry.Remove(name);
    }
}
