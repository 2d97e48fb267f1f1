using Covid.SparkJob.Planning;
namespace Covid.SparkJob.Sql;

/// <summary>DuckDB SQL with positional parameters: <c>$1</c> is <c>Parameters[0]</c>.</summary>
public sealed record DuckDbQuery(string Sql, IReadOnlyList<object> Parameters);
