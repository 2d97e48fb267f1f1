using Covid.Server.Storage;
using Covid.Server.Tenancy;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;
using Covid.SparkJob.Ingestion;
using Covid.V1;
using Microsoft.Extensions.Options;

namespace Covid.Server.Datasets;

/// <summary>Takes an uploaded file, checked and written to disk chunk by chunk as it streams in (<see cref="CsvIntake"/>), and loads it as a dataset.</summary>
public sealed class DatasetUploader(DatasetStaging staging, SchemaCatalog catalog, IOptions<DataOptions> options)
{
    public async Task<DatasetInfo> UploadAsync(
        Caller caller, UploadHeader header, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken)
    {
        var schema = Validate(header);
        var fileName = Path.GetFileName(header.FileName);
        var source = "upload:" + (fileName.Length > 0 ? fileName : header.Name);
        return await staging.LoadAsync(new DatasetWrite(header.Name, caller, header.Replace, header.Shared), schema,
            (intake, ct) => WriteAsync(intake, chunks, ct), source, header.Synthetic, cancellationToken);
    }

    private async Task WriteAsync(Stream target, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxUploadBytes;
        long size = 0;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken))
        {
            size += chunk.Length;
            if (size > limit)
            {
                throw ServiceException.InvalidArgument("chunk", $"the file is larger than this server's upload limit of {limit} bytes (Data:MaxUploadBytes)");
            }
            await target.WriteAsync(chunk, cancellationToken);
        }
    }

    private DatasetSchema Validate(UploadHeader header)
    {
        if (!DatasetNames.IsValid(header.Name))
        {
            throw ServiceException.InvalidArgument("header.name", $"\"{header.Name}\" is not a dataset name: {DatasetNames.Rule}");
        }
        var schema = catalog.Find(header.Schema);
        if (schema is null)
        {
            var known = string.Join(", ", catalog.Names);
            throw ServiceException.InvalidArgument("header.schema", $"unknown schema \"{header.Schema}\"; known schemas: {known}");
        }
        return schema;
    }
}
