using System.Runtime.CompilerServices;
using Covid.Server.Datasets;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Errors;
using Covid.V1;
using Grpc.Core;

namespace Covid.Server.Grpc;

/// <summary>covid.v1.DatasetService: lists datasets and schemas, takes uploads and imports from URLs and data.cdc.gov ids.</summary>
public sealed class DatasetGrpcService(DatasetRegistry registry, DatasetUploader uploader, DatasetImporter importer, SchemaCatalog catalog) : DatasetService.DatasetServiceBase
{
    public override Task<ListSchemasResponse> ListSchemas(ListSchemasRequest request, ServerCallContext context) =>
        Task.FromResult(new ListSchemasResponse { Schemas = { catalog.All.Select(SchemaMapper.ToProto) } });

    public override Task<ListDatasetsResponse> ListDatasets(ListDatasetsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListDatasetsResponse { Datasets = { registry.All().Select(DatasetMapper.ToProto) } });

    public override async Task<Dataset> UploadDataset(IAsyncStreamReader<UploadDatasetRequest> requestStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (!await requestStream.MoveNext(ct) || requestStream.Current.PayloadCase != UploadDatasetRequest.PayloadOneofCase.Header)
        {
            throw ServiceException.InvalidArgument("header", "the first message of an upload must be its header");
        }
        var info = await uploader.UploadAsync(requestStream.Current.Header, Chunks(requestStream, ct), ct);
        return DatasetMapper.ToProto(info);
    }

    public override async Task<Dataset> ImportDataset(ImportDatasetRequest request, ServerCallContext context) =>
        DatasetMapper.ToProto(await importer.ImportAsync(request, context.CancellationToken));

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
