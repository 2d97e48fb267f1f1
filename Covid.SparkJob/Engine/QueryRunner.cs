using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using Covid.SparkJob.Sql;
using DuckDB.NET.Data;

namespace Covid.SparkJob.Engine;

/// <summary>Binds a <see cref="DuckDbQuery"/>'s parameters, executes it and reads its rows into a typed <see cref="ResultTable"/>.</summary>
internal static class QueryRunner
{
    public static DuckDBCommand Prepare(DuckDBConnection connection, DuckDbQuery query)
    {
        var command = connection.CreateCommand();
        command.CommandText = query.Sql;
        foreach (var value in query.Parameters)
        {
            command.Parameters.Add(new DuckDBParameter(value));
        }
        return command;
    }

    public static ResultTable Read(DuckDBCommand command, IReadOnlyList<ResultColumn> columns)
    {
        using var reader = command.ExecuteReader();
        if (reader.FieldCount != columns.Count)
        {
            throw new InvalidOperationException($"query returned {reader.FieldCount} columns, the plan has {columns.Count}");
        }
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = ResultValues.Convert(reader.IsDBNull(i) ? null : reader.GetValue(i), columns[i].Type);
            }
            rows.Add(row);
        }
        return new ResultTable(columns, rows);
    }
}
