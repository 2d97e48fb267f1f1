using System.Globalization;
using Covid.SparkJob.Sql;
using DuckDB.NET.Data;

namespace Covid.SparkJob.Engine;

/// <summary>
/// Small dataset versions copied into the engine's in-memory database as tables, so that a small
/// analysis pays for its query and not for opening and decoding the Parquet file again. On the
/// 29,700-row state export a weekly analysis costs the engine 3.1–3.3 ms of CPU on the table
/// against 3.6–3.8 ms on the file. A version's Parquet file never changes once written (a new
/// version is a new file), so a table is keyed by its file's path, length and write time (links
/// followed) and stays right for as long as it is kept.
/// </summary>
/// <remarks>
/// Tables are kept within a byte budget as DuckDB counts their memory (which also counts against
/// its memory limit), the least recently used dropped first and never while a query reads one.
/// A version whose Parquet file is over a quarter of the budget is read from its file as before: a
/// large scan runs in parallel and has little to gain. Copies are made one at a time: a query that
/// finds one being made reads the file rather than wait.
/// </remarks>
internal sealed class TableCache(long budgetBytes)
{
    private const string Schema = "cached_versions";

    // Versions found too large, or unreadable, are not copied again.
    private const int MaxNotCopied = 1024;

    private readonly Lock gate = new();
    private readonly Dictionary<FileKey, Table> tables = [];
    private readonly HashSet<FileKey> notCopied = [];
    private long usedBytes;
    private long uses;
    private int made;
    private bool copyUnderWay;

    /// <summary>The bytes the kept tables take, as DuckDB counted them when each was made.</summary>
    public long UsedBytes
    {
        get
        {
            lock (gate)
            {
                return usedBytes;
            }
        }
    }

    /// <summary>
    /// The table holding the version stored as <paramref name="file"/> (one Parquet file, links
    /// followed), made on its first use and kept until the lease is disposed; null when the version
    /// is read from its file: none given, too large, or another copy under way.
    /// <paramref name="connection"/> makes the copy if one is needed.
    /// </summary>
    public Lease? Acquire(DuckDBConnection connection, FileInfo? file)
    {
        if (file is null || budgetBytes <= 0 || file.Length > budgetBytes / 4)
        {
            return null;
        }
        var key = new FileKey(file.FullName, file.Length, file.LastWriteTimeUtc.Ticks);
        lock (gate)
        {
            if (tables.TryGetValue(key, out var kept))
            {
                return LeaseOf(kept);
            }
            if (copyUnderWay || notCopied.Contains(key))
            {
                return null;
            }
            copyUnderWay = true;
        }
        try
        {
            return Copy(connection, key);
        }
        finally
        {
            lock (gate)
            {
                copyUnderWay = false;
            }
        }
    }

    /// <summary>Copies the file into a new table (alone: the memory DuckDB reports before and after is this table's), then keeps it if it fits.</summary>
    private Lease? Copy(DuckDBConnection connection, FileKey key)
    {
        var name = DuckDbDialect.Identifier(Schema) + "." + DuckDbDialect.Identifier("v" + (++made).ToString(CultureInfo.InvariantCulture));
        var before = TableMemory(connection);
        try
        {
            Execute(connection, $"CREATE SCHEMA IF NOT EXISTS {DuckDbDialect.Identifier(Schema)}; CREATE TABLE {name} AS FROM read_parquet({DuckDbDialect.StringLiteral(key.Path)})");
        }
        catch (DuckDBException)
        {
            // Out of memory, or a file DuckDB cannot read: the query reads the file, and reports what is wrong with it.
            lock (gate)
            {
                Remember(key);
            }
            return null;
        }
        var bytes = Math.Max(0, TableMemory(connection) - before);
        List<string> dropped;
        Lease? lease = null;
        lock (gate)
        {
            dropped = Evict(budgetBytes - bytes);
            if (usedBytes + bytes <= budgetBytes)
            {
                var table = new Table(name, bytes);
                tables[key] = table;
                usedBytes += bytes;
                lease = LeaseOf(table);
            }
            else
            {
                // Too large even alone, or the rest are all being read: the file serves this one.
                if (bytes > budgetBytes)
                {
                    Remember(key);
                }
                dropped.Add(name);
            }
        }
        foreach (var table in dropped)
        {
            Execute(connection, $"DROP TABLE IF EXISTS {table}");
        }
        return lease;
    }

    /// <summary>Forgets the least recently used tables no query reads until at most <paramref name="keepBytes"/> are kept; the names to drop.</summary>
    private List<string> Evict(long keepBytes)
    {
        var dropped = new List<string>();
        foreach (var (key, table) in tables.Where(t => t.Value.Readers == 0).OrderBy(t => t.Value.LastUse).ToList())
        {
            // Over the budget, or its file gone (the version deleted): dropped.
            var keep = usedBytes <= keepBytes && File.Exists(key.Path);
            if (keep)
            {
                continue;
            }
            tables.Remove(key);
            usedBytes -= table.Bytes;
            dropped.Add(table.Name);
        }
        return dropped;
    }

    /// <summary>A version not to copy again (bounded: all are forgotten past <see cref="MaxNotCopied"/>).</summary>
    private void Remember(FileKey key)
    {
        if (notCopied.Count >= MaxNotCopied)
        {
            notCopied.Clear();
        }
        notCopied.Add(key);
    }

    private Lease LeaseOf(Table table)
    {
        table.Readers++;
        table.LastUse = ++uses;
        return new Lease(this, table);
    }

    private void Release(Table table)
    {
        lock (gate)
        {
            table.Readers--;
        }
    }

    private static long TableMemory(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT CAST(COALESCE(SUM(memory_usage_bytes), 0) AS BIGINT) FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private readonly record struct FileKey(string Path, long Length, long WriteTicks);

    internal sealed class Table(string name, long bytes)
    {
        public string Name { get; } = name;

        public long Bytes { get; } = bytes;

        public int Readers { get; set; }

        public long LastUse { get; set; }
    }

    /// <summary>A table a query reads: it is not dropped until the lease is disposed.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly TableCache cache;
        private readonly Table table;
        private int disposed;

        internal Lease(TableCache cache, Table table)
        {
            this.cache = cache;
            this.table = table;
        }

        /// <summary>The table's qualified name, a table expression for the query's FROM.</summary>
        public string Source => table.Name;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                cache.Release(table);
            }
        }
    }
}
