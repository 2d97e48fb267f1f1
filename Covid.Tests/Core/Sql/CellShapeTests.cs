using System.Globalization;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Sql;
using Covid.Tests.Support;
using DuckDB.NET.Data;

namespace Covid.Tests.Core.Sql;

/// <summary>
/// A CSV cell means the same to the ingestion check, to DuckDB's typed read and (by the same SQL
/// text, see DialectParityTests) to Spark's typed view: accepted with the same value, or refused.
/// Without the shape checks DuckDB read "12.7" as 13, "1e3" as 1000, "0x10" as 16, " 12" as 12,
/// "3/5/2021" and "03/05/21" (year 21) as dates, where Spark truncates, returns NULL or fails.
/// </summary>
public sealed class CellShapeTests : IDisposable
{
    private static readonly DatasetSchema Shapes = SchemaFileReader.Read("shapes.json", """
        {
          "name": "shapes", "title": "Cell shapes", "exports": {"rows": {}}, "grain": "day", "timeField": "day",
          "fields": [
            {"name": "day", "type": "date", "role": "time", "formats": {"rows": "MM/dd/yyyy"}, "description": "the day"},
            {"name": "place", "type": "string", "role": "dimension", "description": "where"},
            {"name": "count", "type": "int64", "role": "measure", "unit": "people", "additivity": "time-and-geography", "description": "a count"},
            {"name": "whole", "type": "int64", "role": "measure", "unit": "people", "additivity": "time-and-geography", "formats": {"rows": "0.0"}, "description": "a count written 800.0"},
            {"name": "amount", "type": "double", "role": "measure", "unit": "litres", "additivity": "time-and-geography", "description": "an amount"},
            {"name": "stamp", "type": "timestamp", "role": "dimension", "formats": {"rows": "MM/dd/yyyy hh:mm:ss tt"}, "description": "when"}
          ]
        }
        """, "test");

    private static readonly string[] Valid = ["03/05/2021", "A", "1", "2.0", "1.5", "03/05/2021 01:02:03 PM"];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string, string?> Cells() => new()
    {
        { "count", "12", "12" }, { "count", "+12", "12" }, { "count", "-3", "-3" }, { "count", "007", "7" },
        { "count", "12.7", null }, { "count", "12.0", null }, { "count", "1e3", null }, { "count", "0x10", null }, { "count", "1_000", null },
        { "count", " 12", null }, { "count", "12 ", null }, { "count", "0b101", null }, { "count", "99999999999999999999", null }, { "count", "١٢", null },
        { "whole", "800.0", "800" }, { "whole", "800", "800" }, { "whole", "-800.00", "-800" },
        { "whole", "800.5", null }, { "whole", "800.", null }, { "whole", ".0", null }, { "whole", "12.7", null }, { "whole", "1e3", null },
        { "amount", "1.5", "1.5" }, { "amount", "1e3", "1000" }, { "amount", ".5", "0.5" }, { "amount", "5.", "5" }, { "amount", "-1.5E-3", "-0.0015" },
        { "amount", "NaN", null }, { "amount", "inf", null }, { "amount", "-Infinity", null }, { "amount", "1e999", null }, { "amount", "0x10", null },
        { "amount", " 1.5", null }, { "amount", "1,5", null }, { "amount", "1.5d", null }, { "amount", "1_000.5", null },
        { "day", "03/05/2021", "2021-03-05" }, { "day", "12/31/2020", "2020-12-31" },
        { "day", "3/5/2021", null }, { "day", "03/05/21", null }, { "day", " 03/05/2021", null }, { "day", "2021-03-05", null },
        { "day", "02/30/2021", null }, { "day", "13/01/2021", null }, { "day", "03/05/20210", null },
        { "stamp", "03/05/2021 01:02:03 PM", "2021-03-05T13:02:03" }, { "stamp", "03/05/2021 12:00:00 am", "2021-03-05T00:00:00" },
        { "stamp", "03/05/2021 1:02:03 PM", null }, { "stamp", "03/05/2021 13:02:03 PM", null }, { "stamp", "03/05/2021 01:02:03", null },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Check_Cell_IngestionAcceptsExactlyTheShapes(string column, string cell, string? value)
    {
        var problem = new CellRule(Shapes.Field(column)!, 0, ExportForm.Rows).Problem(System.Text.Encoding.UTF8.GetBytes(cell), required: false);

        Assert.True((problem is null) == (value is not null), $"'{cell}' as {column}: {problem ?? "accepted"}");
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void ReadInPlace_Cell_DuckDbConvertsOrRefusesAsIngestionDoes(string column, string cell, string? value)
    {
        var row = (string[])Valid.Clone();
        row[Array.FindIndex(Shapes.CsvFields.ToArray(), f => f.Name == column)] = cell;
        var csv = _dir.File($"{Guid.NewGuid():N}.csv");
        File.WriteAllText(csv, $"{string.Join(',', Shapes.CsvFields.Select(f => f.HeaderName))}\n{string.Join(',', row.Select(Quote))}\n");
        var layout = InPlaceCsv.Register("shapes", Shapes, csv, "test", synthetic: false).FileLayout;

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DuckDbDialect.Identifier(column)} FROM ({DuckDbSource.InPlace(Shapes, layout, csv)})";
        if (value is null)
        {
            var error = Assert.ThrowsAny<DuckDBException>(() => command.ExecuteScalar());
            Assert.Contains($"column {column}: '{cell}' is not", error.Message, StringComparison.Ordinal);
            return;
        }
        Assert.Equal(value, Text(command.ExecuteScalar()));
    }

    [Theory]
    [InlineData("MM/dd/yyyy", @"\A[0-9]{2}/[0-9]{2}/[0-9]{4}\z")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.fff", @"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}\z")]
    [InlineData("MM/dd/yyyy hh:mm:ss tt", @"\A[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [AaPp][Mm]\z")]
    public void Date_CatalogPattern_IsMatchedDigitForDigit(string pattern, string shape) =>
        Assert.Equal(shape, CellShapes.Date(pattern));

    private static string Quote(string cell) => cell.Contains(',', StringComparison.Ordinal) || cell.Contains(' ', StringComparison.Ordinal)
        ? "\"" + cell + "\""
        : cell;

    private static string? Text(object? value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };
}
