extern alias cli;
using System.Text.Json;
using cli::Covid.Client;
using Covid.Tests.Support.Cli;

namespace Covid.Tests.Client.Sdk;

public class JsonWriterTests
{
    [Fact]
    public void Write_AwkwardCells_ArrayOfTypedObjects()
    {
        var writer = new StringWriter();

        TableFixtures.Awkward().WriteJson(writer);

        using var json = JsonDocument.Parse(writer.ToString());
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal("2020-03-02", rows[0].GetProperty("period").GetString());
        Assert.Equal("NY", rows[0].GetProperty("state").GetString());
        Assert.Equal(1234567L, rows[0].GetProperty("cases").GetInt64());
        Assert.Equal(0.0123456789, rows[0].GetProperty("cfr").GetDouble());
        Assert.Equal("say \"hi\", ok", rows[1].GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("period").ValueKind);
        Assert.Equal("line\nbreak", rows[2].GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("cases").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("cfr").ValueKind);
    }

    [Fact]
    public void Write_NonFiniteDouble_Null()
    {
        var table = new AnalysisResult([new("x", ColumnKind.Double)], [[double.PositiveInfinity], [double.NaN], [2.5]]);
        var writer = new StringWriter();

        table.WriteJson(writer);

        using var json = JsonDocument.Parse(writer.ToString());
        var values = json.RootElement.EnumerateArray().Select(r => r.GetProperty("x")).ToList();
        Assert.Equal(JsonValueKind.Null, values[0].ValueKind);
        Assert.Equal(JsonValueKind.Null, values[1].ValueKind);
        Assert.Equal(2.5, values[2].GetDouble());
    }

    [Fact]
    public void Write_NoRows_EmptyArray()
    {
        var writer = new StringWriter();

        new AnalysisResult([new("x", ColumnKind.Int64)], []).WriteJson(writer);

        using var json = JsonDocument.Parse(writer.ToString());
        Assert.Equal(0, json.RootElement.GetArrayLength());
    }
}
