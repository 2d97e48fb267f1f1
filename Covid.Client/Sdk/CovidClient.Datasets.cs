using Covid.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Covid.Client;

public sealed partial class CovidClient
{
    // Well under gRPC's 4 MB message limit, large enough that framing costs nothing.
    private const int UploadChunkBytes = 64 * 1024;

    /// <summary>
    /// Streams a CSV file to the server as dataset <paramref name="name"/> following catalog schema
    /// <paramref name="schema"/>. The server validates every line; a rejected upload leaves nothing.
    /// </summary>
    /// <exception cref="CovidException">The server rejected it (e.g. InvalidArgument naming the bad line, AlreadyExists without <paramref name="replace"/>).</exception>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>), before anything is sent.</exception>
    public Task<DatasetInfo> UploadDatasetAsync(string filePath, string name, string schema, bool replace = false, CancellationToken cancellationToken = default) =>
        UploadDatasetAsync(filePath, name, schema, replace, synthetic: false, cancellationToken);

    /// <summary>
    /// As <see cref="UploadDatasetAsync(string, string, string, bool, CancellationToken)"/>; with <paramref name="synthetic"/>
    /// the dataset is listed as generated rows, not CDC data (for files from <c>covid datasets generate</c>).
    /// </summary>
    public async Task<DatasetInfo> UploadDatasetAsync(string filePath, string name, string schema, bool replace, bool synthetic, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, UploadChunkBytes, useAsync: true);
        using var call = datasets.UploadDataset(Streaming(cancellationToken));
        try
        {
            var header = new UploadHeader { Name = name, Schema = schema, FileName = Path.GetFileName(filePath), Replace = replace, Synthetic = synthetic };
            await call.RequestStream.WriteAsync(new UploadDatasetRequest { Header = header }, cancellationToken).ConfigureAwait(false);
            var buffer = new byte[UploadChunkBytes];
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                var chunk = new UploadDatasetRequest { Chunk = ByteString.CopyFrom(buffer, 0, read) };
                await call.RequestStream.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // The server may reject an upload (say, a bad header line) before reading all of it; the
            // write then fails, and the reason is the call's status, awaited below.
        }

        try
        {
            return ProtoMapping.ToInfo(await call.ResponseAsync.ConfigureAwait(false));
        }
        catch (RpcException e)
        {
            throw RpcErrors.Translate(e, cancellationToken);
        }
    }

    /// <summary>
    /// Has the server download an http(s) CSV (e.g. a data.cdc.gov export link) as dataset
    /// <paramref name="name"/> of catalog schema <paramref name="schema"/>; validated and published
    /// like an upload. The file never passes through this client. With <paramref name="url"/>
    /// "cdc:ID" (e.g. "cdc:ua7e-t2fy") the server fetches data.cdc.gov dataset ID from its SODA API
    /// page by page, and <paramref name="schema"/> may be empty: the schema that reads ID is used.
    /// </summary>
    /// <exception cref="CovidException">Rejected or failed: InvalidArgument (bad URL, too large, a bad line), NotFound (HTTP 404),
    /// Unavailable (unreachable or cut mid-file), DeadlineExceeded (the server's import timeout), AlreadyExists.</exception>
    public async Task<DatasetInfo> ImportDatasetAsync(string url, string name, string schema, bool replace = false, CancellationToken cancellationToken = default)
    {
        var request = new ImportDatasetRequest { Url = url, Name = name, Schema = schema, Replace = replace };
        // Not retried (the server may be mid-download) and not under the default deadline: the server bounds it (Limits:ImportDeadline).
        return ProtoMapping.ToInfo(await Unary(o => datasets.ImportDatasetAsync(request, o), idempotent: false, cancellationToken, bounded: false).ConfigureAwait(false));
    }

    /// <summary>
    /// Deletes dataset <paramref name="name"/>: its files and its name, freeing its bytes from the
    /// owner's quota. The owner may delete its own datasets; built-in and shared ones only an admin.
    /// </summary>
    /// <exception cref="CovidException">NotFound (no such dataset, or another user's), PermissionDenied (built in or shared,
    /// and the caller is no admin), FailedPrecondition (a queued or running analysis reads it, or it is configured in place).</exception>
    public async Task DeleteDatasetAsync(string name, CancellationToken cancellationToken = default) =>
        await Unary(o => datasets.DeleteDatasetAsync(new DeleteDatasetRequest { Name = name }, o), idempotent: false, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Admins only: makes dataset <paramref name="name"/> readable by every user (<paramref name="shared"/> true),
    /// or by its owner only again. Returns the dataset as it is now.
    /// </summary>
    /// <exception cref="CovidException">NotFound, PermissionDenied (the caller is no admin), FailedPrecondition (unsharing a built-in dataset).</exception>
    public async Task<DatasetInfo> SetDatasetSharedAsync(string name, bool shared, CancellationToken cancellationToken = default)
    {
        var request = new SetDatasetSharedRequest { Name = name, Shared = shared };
        return ProtoMapping.ToInfo(await Unary(o => datasets.SetDatasetSharedAsync(request, o), idempotent: true, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The catalog schemas the server can load datasets with (built in, and its Data:SchemaDirectory files).</summary>
    public async Task<IReadOnlyList<SchemaInfo>> ListSchemasAsync(CancellationToken cancellationToken = default)
    {
        var response = await Unary(o => datasets.ListSchemasAsync(new ListSchemasRequest(), o), idempotent: true, cancellationToken).ConfigureAwait(false);
        return response.Schemas.Select(ProtoMapping.ToSchema).ToList();
    }

    /// <summary>
    /// The kept versions of dataset <paramref name="name"/>, newest first: every load of a name is
    /// a new immutable version, with its source, SHA-256 and data-as-of day.
    /// </summary>
    /// <exception cref="CovidException">NotFound (no such dataset, or another user's).</exception>
    public async Task<IReadOnlyList<DatasetVersionInfo>> ListDatasetVersionsAsync(string name, CancellationToken cancellationToken = default)
    {
        var versions = new List<DatasetVersionInfo>();
        var token = "";
        do
        {
            var request = new ListDatasetVersionsRequest { Name = name, PageToken = token };
            var page = await Unary(o => datasets.ListDatasetVersionsAsync(request, o), idempotent: true, cancellationToken).ConfigureAwait(false);
            versions.AddRange(page.Versions.Select(v => ProtoMapping.ToVersion(v)!));
            token = page.NextPageToken;
        }
        while (token.Length != 0);
        return versions;
    }

    /// <summary>The datasets loaded on the server, by name.</summary>
    public async Task<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(CancellationToken cancellationToken = default)
    {
        var response = await Unary(o => datasets.ListDatasetsAsync(new ListDatasetsRequest(), o), idempotent: true, cancellationToken).ConfigureAwait(false);
        return response.Datasets.Select(ProtoMapping.ToInfo).ToList();
    }
}
