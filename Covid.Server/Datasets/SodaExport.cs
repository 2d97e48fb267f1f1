using System.Globalization;
using System.Text.RegularExpressions;
using Covid.Server.Storage;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Errors;
using Covid.SparkJob.Ingestion;
using Covid.V1;
using Sylvan.Data.Csv;

namespace Covid.Server.Datasets;

/// <summary>
/// Importing "cdc:ID": the data.cdc.gov SODA export of dataset ID (<c>/resource/ID.csv</c>), only
/// the schema's fields (<c>$select</c>), in stable pages (<c>$order=:id</c>, <c>$limit</c>,
/// <c>$offset</c>) until a page comes back short. Pages are fetched one by one and joined under one
/// header; a page whose header differs, or a total beyond the import limit, fails the import.
/// </summary>
public sealed partial class SodaExport
{
    public const string Prefix = "cdc:";

    [GeneratedRegex("^[a-z0-9]{4}-[a-z0-9]{4}$")]
    private static partial Regex IdPattern();

    private readonly string _id;
    private readonly Uri _base;
    private readonly int _pageSize;

    private SodaExport(string id, DatasetSchema schema, Uri baseUrl, int pageSize)
    {
        _id = id;
        Schema = schema;
        _base = baseUrl;
        _pageSize = pageSize;
    }

    public DatasetSchema Schema { get; }

    /// <summary>What the dataset lists as its source.</summary>
    public string Source => Prefix + _id;

    public static bool IsCdcId(string url) => url.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The export for the request, its schema found by the id (or checked against it when given).</summary>
    public static SodaExport Resolve(ImportDatasetRequest request, SchemaCatalog catalog, DataOptions options)
    {
        var violations = new List<FieldViolation>();
        if (!DatasetNames.IsValid(request.Name))
        {
            violations.Add(new("name", $"\"{request.Name}\" is not a dataset name: {DatasetNames.Rule}"));
        }
        var id = request.Url[Prefix.Length..];
        DatasetSchema? schema = null;
        if (!IdPattern().IsMatch(id))
        {
            violations.Add(new("url", $"\"{request.Url}\" is not cdc: and a data.cdc.gov dataset id such as cdc:ua7e-t2fy"));
        }
        else if (request.Schema.Length > 0)
        {
            schema = catalog.Find(request.Schema);
            if (schema is null || !schema.CdcIds.Contains(id))
            {
                violations.Add(new("schema", schema is null
                    ? $"unknown schema \"{request.Schema}\"; known schemas: {string.Join(", ", catalog.Names)}"
                    : $"schema \"{schema.Name}\" reads {string.Join(", ", schema.CdcIds)}, not {id}; leave schema empty to use the one that reads {id}"));
            }
        }
        else if ((schema = catalog.FindByCdcId(id)) is null)
        {
            violations.Add(new("url", $"no schema reads data.cdc.gov dataset {id}; schemas read: {string.Join(", ", catalog.All.SelectMany(s => s.CdcIds))} (an operator can add one in Data:SchemaDirectory)"));
        }
        if (schema is { } s && !s.Supports(ExportForm.Soda))
        {
            violations.Add(new("url", $"schema \"{s.Name}\" has no SODA form; import its rows.csv link as url instead"));
        }
        return violations.Count > 0
            ? throw ServiceException.InvalidArgument(violations)
            : new SodaExport(id, schema!, new Uri(options.CdcBaseUrl.TrimEnd('/') + "/"), options.CdcPageSize);
    }

    /// <summary>The page at <paramref name="offset"/>: the schema's SODA columns, in data.cdc.gov's own row order.</summary>
    public Uri PageUrl(long offset)
    {
        var select = string.Join(",", Schema.CsvFields.Where(f => f.SodaColumn is not null).Select(f => f.SodaColumn));
        return new Uri(_base, $"resource/{_id}.csv?$select={Uri.EscapeDataString(select)}&$order=:id" +
                              $"&$limit={_pageSize.ToString(CultureInfo.InvariantCulture)}&$offset={offset.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <param name="download">Fetches one URL into a new file (with the import's timeout and error mapping).</param>
    public async Task DownloadAsync(Func<Uri, string, CancellationToken, Task> download, CsvIntake target, long limit, CancellationToken cancellationToken)
    {
        string? header = null;
        for (long offset = 0; ; )
        {
            var page = Path.Combine(target.Directory, "page.csv");
            try
            {
                await download(PageUrl(offset), page, cancellationToken);
                var (pageHeader, rows) = Inspect(page);
                if (pageHeader is null)
                {
                    break;
                }
                if (header is not null && pageHeader != header)
                {
                    throw new ServiceException(ErrorCode.Unavailable, $"data.cdc.gov changed the columns of {_id} between pages ({header} then {pageHeader}); nothing was imported");
                }
                await Append(page, target, skipHeader: header is not null, cancellationToken);
                header = pageHeader;
                if (target.Length > limit)
                {
                    throw ServiceException.InvalidArgument("url", $"{Source} is too large to import: larger than this server's limit of {limit} bytes (Data:MaxImportBytes); nothing was imported");
                }
                if (rows < _pageSize)
                {
                    break;
                }
                offset += rows;
            }
            finally
            {
                File.Delete(page);
            }
        }
    }

    /// <summary>The page's header line and its number of data rows (null header for an empty page).</summary>
    private static (string? Header, long Rows) Inspect(string page)
    {
        using var text = new StreamReader(page);
        var header = text.ReadLine();
        if (string.IsNullOrEmpty(header))
        {
            return (null, 0);
        }
        text.BaseStream.Position = 0;
        text.DiscardBufferedData();
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', Quote = '"' });
        var rows = 0L;
        while (csv.Read())
        {
            rows++;
        }
        return (header, rows);
    }

    private static async Task Append(string page, Stream target, bool skipHeader, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(page, cancellationToken);
        var start = skipHeader ? Array.IndexOf(bytes, (byte)'\n') + 1 : 0;
        if (start > 0 && start >= bytes.Length)
        {
            return;
        }
        await target.WriteAsync(bytes.AsMemory(start), cancellationToken);
        if (bytes.Length > 0 && bytes[^1] != (byte)'\n')
        {
            target.WriteByte((byte)'\n');
        }
    }
}
