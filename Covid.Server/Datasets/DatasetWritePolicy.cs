using Covid.Server.Tenancy;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;

namespace Covid.Server.Datasets;

/// <summary>
/// Who may load a version of a dataset name: ALREADY_EXISTS unless the name is free or the caller
/// means to (and may) add a version to it; PERMISSION_DENIED for a user sharing a dataset or
/// loading a version of a built-in or shared one; FAILED_PRECONDITION for a version of another
/// schema than the name's. A name another user holds privately is just "taken".
/// </summary>
internal static class DatasetWritePolicy
{
    public static void Check(DatasetEntry? entry, DatasetWrite write, DatasetSchema? schema, bool callerCanRead)
    {
        var name = write.Name;
        var caller = write.Caller;
        if (write.Shared && !caller.IsAdmin)
        {
            throw new ServiceException(ErrorCode.PermissionDenied, $"only an admin may share a dataset; load \"{name}\" without shared");
        }
        if (entry is null)
        {
            return;
        }
        if (entry.Newest.Storage == DatasetStorage.CsvInPlace)
        {
            throw ServiceException.AlreadyExists($"dataset \"{name}\" is a CSV registered in place by the server's configuration (Data:InPlace) and cannot be replaced; choose another name");
        }
        if (!callerCanRead)
        {
            throw ServiceException.AlreadyExists($"the dataset name \"{name}\" is taken; choose another name");
        }
        if ((entry.Access.BuiltIn || entry.Access.Shared) && !caller.IsAdmin)
        {
            throw new ServiceException(ErrorCode.PermissionDenied,
                $"dataset \"{name}\" is {(entry.Access.BuiltIn ? "built in" : "shared with every user")}; only an admin may load a new version of it or replace it");
        }
        if (!write.Replace)
        {
            throw ServiceException.AlreadyExists($"dataset \"{name}\" already exists; load it with replace to add a new version (earlier versions are kept)");
        }
        if (schema is not null && schema.Name != entry.Newest.Schema.Name)
        {
            throw ServiceException.FailedPrecondition(
                $"dataset \"{name}\" follows schema {entry.Newest.Schema.Name}, and all its versions must; load this {schema.Name} file under another name");
        }
    }
}
