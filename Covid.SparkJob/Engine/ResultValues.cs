using System.Globalization;
using System.Numerics;
using Covid.SparkJob.Results;

namespace Covid.SparkJob.Engine;

/// <summary>Normalises provider values to the four CLR types a <see cref="ResultTable"/> holds.</summary>
internal static class ResultValues
{
    public static object? Convert(object? value, ColumnType type)
    {
        if (value is null or DBNull)
        {
            return null;
        }
        return type switch
        {
            ColumnType.Date => value switch
            {
                DateOnly d => d,
                DateTime t => DateOnly.FromDateTime(t),
                _ => Unexpected(value, type),
            },
            ColumnType.String => value as string ?? System.Convert.ToString(value, CultureInfo.InvariantCulture),
            ColumnType.Int64 => value switch
            {
                long l => l,
                int i => (long)i,
                short s => (long)s,
                ulong u => checked((long)u),
                uint u => (long)u,
                // DuckDB widens integer sums to HUGEINT; the SQL casts back, this is the safety net.
                BigInteger b => checked((long)b),
                decimal m => checked((long)m),
                _ => Unexpected(value, type),
            },
            ColumnType.Double => value switch
            {
                double x => x,
                float f => (double)f,
                decimal m => (double)m,
                long l => (double)l,
                int i => (double)i,
                BigInteger b => (double)b,
                _ => Unexpected(value, type),
            },
            _ => Unexpected(value, type),
        };
    }

    private static object Unexpected(object value, ColumnType type) =>
        throw new InvalidOperationException($"engine returned {value.GetType().Name} for a {type} column");
}
