using Covid.SparkJob.Catalog;
using Covid.SparkJob.Geography;

namespace Covid.Tests.Core.Catalog;

/// <summary>Schema files: every built-in one is valid and consistent; a bad one is refused naming the file and the JSON key.</summary>
public sealed class SchemaFileReaderTests
{
    private const string Minimal = """
        {
          "name": "my-dataset", "title": "A dataset", "exports": {"soda": {}}, "grain": "week-ending-saturday", "timeField": "week_end",
          "geography": {"field": "place", "values": ["National", "Region 1"]},
          "fields": [
            {"name": "week_end", "type": "date", "role": "time", "description": "the Saturday"},
            {"name": "place", "type": "string", "role": "geography", "description": "where"},
            {"name": "cases", "type": "int64", "role": "measure", "unit": "cases", "additivity": "time-and-geography", "description": "new cases"}
          ]
        }
        """;

    [Fact]
    public void BuiltIn_TenSchemas_InTheirFilesOrder()
    {
        Assert.Equal(
            ["cdc-cases-deaths-by-state", "cdc-case-surveillance", "cdc-covid-net", "cdc-vaccinations-jurisdiction", "cdc-weekly-cases-deaths-by-state",
             "covid-net-rates", "nchs-provisional-deaths", "nhsn-hospital-respiratory", "resp-lens-positivity", "resp-net-rates"],
            SchemaCatalog.BuiltIn.Names);
        Assert.Equal("nhsn-hospital-respiratory", SchemaCatalog.BuiltIn.FindByCdcId("mpgq-jmmr")!.Name);
    }

    [Fact]
    public void BuiltIn_EveryMeasureHasAUnitAndEveryGeographyItsDerivedFields()
    {
        foreach (var schema in SchemaCatalog.BuiltIn.All)
        {
            Assert.All(schema.Fields.Where(f => f.Role == FieldRole.Measure), f => Assert.False(f.Unit.Length == 0, $"{schema.Name}.{f.Name} has no unit"));
            if (schema.Geography is { } geo)
            {
                Assert.Equal(FieldRole.Geography, schema.Field(geo.Field)!.Role);
                Assert.NotNull(schema.Field(GeographyCoding.JurisdictionField)?.DerivedFrom);
                Assert.NotNull(schema.Field(GeographyCoding.LevelField)?.DerivedFrom);
            }
        }
    }

    [Fact]
    public void Read_Minimal_MapsEveryPart()
    {
        var schema = SchemaFileReader.Read("my.json", Minimal, "/schemas/my.json");

        Assert.Equal([ExportForm.Soda], schema.Forms);
        Assert.Equal("week_end", schema.Field("week_end")!.SodaColumn);
        Assert.Null(schema.Field("week_end")!.RowsColumn);
        Assert.True(schema.Grain.IsMmwrWeek);
        Assert.Equal([GeoLevel.Nation, GeoLevel.HhsRegion], schema.Geography!.Levels);
        Assert.Equal(["week_end", "place", "cases", "jurisdiction", "geo_level"], schema.Fields.Select(f => f.Name));
        Assert.Equal("/schemas/my.json", schema.Source);
    }

    [Theory]
    [InlineData("\"grain\": \"week-ending-saturday\"", "\"grain\": \"fortnight\"", "$.grain", "'fortnight' is not a grain")]
    [InlineData("\"type\": \"int64\", \"role\": \"measure\"", "\"type\": \"integer\", \"role\": \"measure\"", "$.fields[2].type", "'integer' is not one of date, string, int64")]
    [InlineData("\"additivity\": \"time-and-geography\", ", "", "$.fields[2].additivity", "required: one of time-and-geography")]
    [InlineData("\"unit\": \"cases\"", "\"unit\": \"cases\", \"colour\": \"red\"", "$.fields[2].colour", "unknown key 'colour'")]
    [InlineData("\"Region 1\"", "\"Atlantis\"", "$.geography.values[1]", "'Atlantis' is no jurisdiction spelling")]
    [InlineData("\"timeField\": \"week_end\"", "\"timeField\": \"place\"", "$.timeField", "'place' must name a date field with role time")]
    [InlineData("\"name\": \"cases\"", "\"name\": \"jurisdiction\"", "$.fields[2].name", "is the derived field every geographic dataset gets")]
    [InlineData("\"name\": \"cases\"", "\"name\": \"_rank\"", "$.fields[2].name", "'_rank' is reserved")]
    [InlineData("\"exports\": {\"soda\": {}}", "\"exports\": {\"soda\": {}}, \"titleLines\": \"two\"", "$.titleLines", "a value of the wrong kind")]
    [InlineData("\"description\": \"the Saturday\"", "\"description\": \"the Saturday\", \"formats\": {\"soda\": \"dd.MM.yyyy\"}", "$.fields[0].formats.soda", "'.' is not a supported pattern part")]
    [InlineData("\"description\": \"the Saturday\"", "\"description\": \"the Saturday\", \"formats\": {\"rows\": \"yyyy-MM-dd\"}", "$.fields[0].formats.rows", "the schema has no rows export")]
    public void Read_BadFile_NamesTheFileAndTheKey(string find, string replace, string path, string problem)
    {
        var json = Minimal.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Minimal, json);

        var error = Assert.Throws<SchemaFileException>(() => SchemaFileReader.Read("bad.json", json, "bad.json"));

        Assert.Equal("bad.json", error.File);
        Assert.Equal(path, error.JsonPath);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"schema file bad.json: {path}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DirectoryRedefiningABuiltInSchema_IsRefused()
    {
        var dir = Directory.CreateTempSubdirectory("covid-schemas-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "again.json"), Minimal.Replace("my-dataset", "nchs-provisional-deaths", StringComparison.Ordinal));

            var error = Assert.Throws<SchemaFileException>(() => SchemaCatalog.Load(dir));

            Assert.Contains("schema 'nchs-provisional-deaths' is already defined by built-in", error.Message, StringComparison.Ordinal);
            Assert.Contains("again.json", error.File, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
