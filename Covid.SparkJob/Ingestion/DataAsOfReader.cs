using Covid.SparkJob.Catalog;
using Covid.SparkJob.Sql;
using DuckDB.NET.Data;

namespace Covid.SparkJob.Ingestion;

/// <summary>The data's own "as of" day: the latest value of the schema's as-of field in a typed Parquet copy.</summary>
public static class DataAsOfReader
{
    /// <summary>Null when the schema names no as-of field or every cell of it is empty (e.g. a SODA selection without it).</summary>
    public static DateOnly? Read(DatasetSchema schema, string parquetPath)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.AsOfField is not { } field)
        {
            return null;
        }
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        // Both names come from the catalog and the server's own directory, never from a request.
        command.CommandText = $"SELECT CAST(MAX({DuckDbDialect.Identifier(field)}) AS DATE) FROM read_parquet({DuckDbDialect.StringLiteral(parquetPath)})";
        return command.ExecuteScalar() switch
        {
            DateOnly day => day,
            DateTime time => DateOnly.FromDateTime(time),
            _ => null,
        };
    }
}
