using System.Text.Json;
using Covid.Server.Datasets;
using Covid.SparkJob.Catalog;

namespace Covid.Tests.Server.Datasets;

/// <summary>dataset.json keeps the export form and header; files written before forms existed still load, as rows.csv.</summary>
public sealed class DatasetMetadataTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void ToInfo_FileWithoutForm_IsTheRowsCsvLayout()
    {
        var metadata = JsonSerializer.Deserialize<DatasetMetadata>("""
            {"name": "cdc-cases-deaths-by-state", "schema": "cdc-cases-deaths-by-state", "source": "sample", "synthetic": true, "rowCount": 3,
             "sizeBytes": 10, "minDate": "2020-01-22", "maxDate": "2021-05-30", "createTime": "2026-11-25T10:00:00+00:00"}
            """, Json)!;

        var info = metadata.ToInfo("/d", SchemaCatalog.BuiltIn)!;

        Assert.Null(info.Layout);
        Assert.Equal(ExportForm.Rows, info.FileLayout.Form);
        Assert.Equal(info.Schema.CsvFields.Select(f => f.HeaderName), info.FileLayout.Columns);
    }

    [Fact]
    public void FromAndToInfo_SodaLayout_RoundTripsThroughJson()
    {
        var schema = SchemaCatalog.BuiltIn.Get("resp-lens-positivity");
        var info = new Covid.SparkJob.Datasets.DatasetInfo("lens", schema, "/d/data.parquet", "/d/original.csv", "cdc:ch5i-63ve", false, 1, 1, null, null, DateTimeOffset.UnixEpoch)
        {
            Layout = new Covid.SparkJob.Datasets.FileLayout(ExportForm.Soda, ["region", "week", "number_pos"]),
        };

        var back = JsonSerializer.Deserialize<DatasetMetadata>(JsonSerializer.Serialize(DatasetMetadata.From(info, DatasetAccess.ServerBuiltIn), Json), Json)!.ToInfo("/d", SchemaCatalog.BuiltIn)!;

        Assert.Equal(ExportForm.Soda, back.FileLayout.Form);
        Assert.Equal(["region", "week", "number_pos"], back.FileLayout.Columns);
        Assert.Contains("number_tested", back.FileLayout.MissingFields(schema));
    }
}
