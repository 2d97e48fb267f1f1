using System.Net;
using Covid.Server.Imports;
using Covid.Server.Storage;
using Covid.Server.Tenancy;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;
using Covid.V1;
using Microsoft.Extensions.Options;

namespace Covid.Server.Datasets;

/// <summary>
/// ImportDataset: downloads an http(s) CSV (e.g. a data.cdc.gov export link) straight into a
/// staging directory with a size limit and a timeout, then loads it through the same validation
/// and atomic publish as an upload. A failed, cut or oversized download leaves nothing behind. Only
/// hosts of <c>Data:ImportHosts</c> are fetched from, and only at addresses they may have (see Imports/).
/// "cdc:ID" is a data.cdc.gov dataset fetched through its SODA export in pages (<see cref="SodaExport"/>),
/// each page downloaded here like any URL, through the same guard.
/// </summary>
public sealed class DatasetImporter(
    DatasetStaging staging, DatasetRegistry registry, SchemaCatalog catalog, GuardedImportClient http, IOptions<DataOptions> options,
    ILogger<DatasetImporter> logger)
{
    public async Task<DatasetInfo> ImportAsync(Caller caller, ImportDatasetRequest request, CancellationToken cancellationToken)
    {
        var write = new DatasetWrite(request.Name, caller, request.Replace, request.Shared);
        if (SodaExport.IsCdcId(request.Url))
        {
            // A data.cdc.gov id: its SODA export, page by page, each page fetched like any URL.
            var export = SodaExport.Resolve(request, catalog, options.Value);
            http.Policy.Check(export.PageUrl(0));
            registry.EnsureWritable(write);
            logger.LogInformation("Importing dataset {Name} from {Source} ({Url} …)", request.Name, export.Source, export.PageUrl(0));
            return await staging.LoadAsync(write, export.Schema,
                (intake, ct) => export.DownloadAsync(DownloadToFileAsync, intake, options.Value.MaxImportBytes, ct), export.Source,
                synthetic: false, cancellationToken);
        }
        var (schema, url) = Validate(request);
        http.Policy.Check(url);
        registry.EnsureWritable(write);
        logger.LogInformation("Importing dataset {Name} from {Url}", request.Name, url);
        return await staging.LoadAsync(write, schema,
            (intake, ct) => DownloadAsync(url, intake, ct), "url:" + url, synthetic: false, cancellationToken);
    }

    /// <summary>One SODA page into its own file, which the export inspects before joining it.</summary>
    private async Task DownloadToFileAsync(Uri url, string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        await DownloadAsync(url, file, cancellationToken);
        await file.FlushAsync(cancellationToken);
    }

    private async Task DownloadAsync(Uri url, Stream target, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxImportBytes;
        var timeout = options.Value.ImportTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        long size = 0;
        try
        {
            // Redirects are followed (export links redirect), each one checked against the allow-list.
            using var response = await http.GetAsync(url, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                var code = response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone ? ErrorCode.NotFound : ErrorCode.FailedPrecondition;
                throw new ServiceException(code, $"{url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}; nothing was imported");
            }
            if (response.Content.Headers.ContentLength > limit)
            {
                TooLarge(url, limit, $"it announces {response.Content.Headers.ContentLength} bytes");
            }
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            var buffer = new byte[64 * 1024];
            while (await ReadAsync(body, buffer, url, size, deadline.Token) is var read and > 0)
            {
                size += read;
                if (size > limit)
                {
                    TooLarge(url, limit, "it is larger");
                }
                await target.WriteAsync(buffer.AsMemory(0, read), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ServiceException(ErrorCode.DeadlineExceeded,
                $"downloading {url} took longer than this server's import timeout of {timeout} (Data:ImportTimeout) after {size} bytes; nothing was imported");
        }
        catch (HttpRequestException ex)
        {
            throw new ServiceException(ErrorCode.Unavailable, $"could not download {url}: {ex.Message}; nothing was imported");
        }
    }

    /// <summary>One read of the response body; a connection that breaks mid-file is reported as such.</summary>
    private static async Task<int> ReadAsync(Stream body, byte[] buffer, Uri url, long size, CancellationToken ct)
    {
        try
        {
            return await body.ReadAsync(buffer, ct);
        }
        catch (IOException ex)
        {
            throw new ServiceException(ErrorCode.Unavailable, $"the download of {url} was cut after {size} bytes ({ex.Message}); nothing was imported");
        }
    }

    private static void TooLarge(Uri url, long limit, string why) =>
        throw ServiceException.InvalidArgument("url", $"{url} is too large to import: {why} than this server's limit of {limit} bytes (Data:MaxImportBytes); nothing was imported");

    private (DatasetSchema Schema, Uri Url) Validate(ImportDatasetRequest request)
    {
        var violations = new List<FieldViolation>();
        if (!DatasetNames.IsValid(request.Name))
        {
            violations.Add(new("name", $"\"{request.Name}\" is not a dataset name: {DatasetNames.Rule}"));
        }
        var schema = catalog.Find(request.Schema);
        if (schema is null)
        {
            violations.Add(new("schema", $"unknown schema \"{request.Schema}\"; known schemas: {string.Join(", ", catalog.Names)}"));
        }
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            violations.Add(new("url", $"\"{request.Url}\" is not an http or https URL"));
        }
        if (violations.Count > 0)
        {
            throw ServiceException.InvalidArgument(violations);
        }
        return (schema!, url!);
    }
}
