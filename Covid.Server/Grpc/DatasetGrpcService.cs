using System.Runtime.CompilerServices;
using Covid.Server.Datasets;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Errors;
using Covid.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Covid.Server.Grpc;

/// <summary>covid.v1.DatasetService: lists datasets and schemas, takes uploads and imports from URLs and data.cdc.gov ids, deletes and shares them.</summary>
public sealed class DatasetGrpcService(
    DatasetRegistry registry, DatasetUploader uploader, DatasetImporter importer, DatasetDeleter deleter, DatasetSharing sharing, DatasetVersionLister versions,
    DatasetMapper mapper, Audit audit, SchemaCatalog catalog)
    : DatasetService.DatasetServiceBase
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 1000;

    public override Task<ListSchemasResponse> ListSchemas(ListSchemasRequest request, ServerCallContext context) =>
        Task.FromResult(new ListSchemasResponse { Schemas = { catalog.All.Select(SchemaMapper.ToProto) } });

    public override Task<ListDatasetsResponse> ListDatasets(ListDatasetsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListDatasetsResponse { Datasets = { registry.All(context.Caller()).Select(d => mapper.ToProto(d)) } });

    public override Task<ListDatasetVersionsResponse> ListDatasetVersions(ListDatasetVersionsRequest request, ServerCallContext context)
    {
        if (request.PageSize < 0)
        {
            throw ServiceException.InvalidArgument("page_size", "must not be negative");
        }
        var size = request.PageSize == 0 ? DefaultPageSize : Math.Min(request.PageSize, MaxPageSize);
        var below = VersionPageToken.Decode(request.PageToken);
        var rest = versions.List(context.Caller(), request.Name).Where(v => v.Version.Version < below).ToList();
        var page = rest.Take(size).ToList();
        return Task.FromResult(new ListDatasetVersionsResponse
        {
            Versions = { page.Select(v => mapper.ToProto(v.Version, v.ActiveAnalyses)) },
            NextPageToken = rest.Count > page.Count ? VersionPageToken.Encode(page[^1].Version.Version) : "",
        });
    }

    public override async Task<Dataset> UploadDataset(IAsyncStreamReader<UploadDatasetRequest> requestStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (!await requestStream.MoveNext(ct) || requestStream.Current.PayloadCase != UploadDatasetRequest.PayloadOneofCase.Header)
        {
            throw ServiceException.InvalidArgument("header", "the first message of an upload must be its header");
        }
        var header = requestStream.Current.Header;
        return mapper.ToProto(await audit.RunAsync(context, "upload", d => d.Name,
            () => uploader.UploadAsync(context.Caller(), header, Chunks(requestStream, ct), ct), header.Name));
    }

    public override async Task<Dataset> ImportDataset(ImportDatasetRequest request, ServerCallContext context) =>
        mapper.ToProto(await audit.RunAsync(context, "import", d => $"{d.Name} from {request.Url}",
            () => importer.ImportAsync(context.Caller(), request, context.CancellationToken), $"{request.Name} from {request.Url}"));

    public override Task<Empty> DeleteDataset(DeleteDatasetRequest request, ServerCallContext context) =>
        Task.FromResult(audit.Run(context, "delete", _ => request.Name, () =>
        {
            deleter.Delete(context.Caller(), request.Name);
            return new Empty();
        }, request.Name));

    public override Task<Dataset> SetDatasetShared(SetDatasetSharedRequest request, ServerCallContext context) =>
        Task.FromResult(mapper.ToProto(audit.Run(context, request.Shared ? "share" : "unshare", d => d.Name,
            () => sharing.SetShared(context.Caller(), request.Name, request.Shared), request.Name)));

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Chunks(
        IAsyncStreamReader<UploadDatasetRequest> requestStream, [EnumeratorCancellation] CancellationToken ct)
    {
        while (await requestStream.MoveNext(ct))
        {
            if (requestStream.Current.PayloadCase != UploadDatasetRequest.PayloadOneofCase.Chunk)
            {
                throw ServiceException.InvalidArgument("header", "an upload has one header, sent first");
            }
            yield return requestStream.Current.Chunk.Memory;
        }
    }
}
