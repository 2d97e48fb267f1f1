using System.Globalization;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using Covid.SparkJob.Sql;
using DuckDB.NET.Data;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.SparkJob.Engine;

/// <summary>
/// Runs a plan's DuckDB SQL in-process. All analyses share one in-memory DuckDB database, each on
/// a connection of its own while it runs: a fresh database and its settings cost tens of
/// milliseconds, and DuckDB schedules the queries of every connection on the database's one thread
/// pool, so more concurrent analyses divide the cores instead of oversubscribing them. Connections
/// are kept open between analyses (their progress settings made once), and small dataset versions
/// are read from a copy in the database's memory (<see cref="TableCache"/>), so a small analysis
/// costs what its query costs. Analyses share nothing else. Progress comes from DuckDB's own query
/// progress; cancellation interrupts the query.
/// </summary>
public sealed class EmbeddedEngine(EmbeddedEngineOptions options) : IAnalysisEngine, IDisposable
{
    // More idle connections than this are closed: analyses running at once rarely exceed it.
    private const int MaxIdleConnections = 16;

    private readonly Lock gate = new();
    private readonly Stack<DuckDBConnection> idle = new();
    private readonly TableCache tables = new(options.TableCacheBytes);
    private DuckDBConnection? database;

    public EmbeddedEngine()
        : this(new EmbeddedEngineOptions())
    {
    }

    /// <summary>The memory the versions kept as tables take (<see cref="TableCache"/>).</summary>
    internal long TableBytes => tables.UsedBytes;

    public Task<ResultTable> RunAsync(AnalysisJob job, AnalysisPlan plan, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(progress);
        cancellationToken.ThrowIfCancellationRequested();
        progress.Report(new EngineProgress(Stage.Planning, ProgressBudget.EmbeddedPlanned,
            $"Planned {plan.Metrics.Count} metric(s) over {plan.Dataset.Name} version {plan.Dataset.Version}{(plan.Then is { } then ? $" against version {then.Version}" : "")} for DuckDB"));

        // DuckDB blocks the thread that runs a query: a pool thread (the server reserves one per
        // worker) runs it, so the caller's thread is free and a cancel reaches the query at once.
        return Task.Run(() =>
        {
            var connection = Rent();
            try
            {
                return Run(connection, plan, progress, cancellationToken);
            }
            finally
            {
                Return(connection);
            }
        }, CancellationToken.None);
    }

    private ResultTable Run(DuckDBConnection connection, AnalysisPlan plan, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        var (rows, bytes, file) = DatasetSize(connection, plan.Dataset);
        FileInfo? thenFile = null;
        if (plan.Then is { } other)
        {
            // A comparison reads both versions.
            (var otherRows, var otherBytes, thenFile) = DatasetSize(connection, other);
            (rows, bytes) = (rows + otherRows, bytes + otherBytes);
        }
        progress.Report(new EngineProgress(Stage.Scanning, ProgressBudget.EmbeddedScanStart,
            $"Scanning {rows.ToString("N0", CultureInfo.InvariantCulture)} rows ({bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes)",
            RowsScanned: 0, BytesScanned: 0));

        // Small versions are read from their copy in memory (TableCache), the rest from their files.
        using var copy = tables.Acquire(connection, file);
        using var thenCopy = tables.Acquire(connection, thenFile);
        var query = DuckDbDialect.Build(plan, dataset => (ReferenceEquals(dataset, plan.Dataset) ? copy : thenCopy)?.Source ?? DuckDbSource.For(dataset));

        // The query blocks this thread; the watch reports its progress and repeats a cancel.
        using var command = QueryRunner.Prepare(connection, query);
        ResultTable table;
        using (new QueryWatch(connection, command, new ScanProgress(progress, rows, bytes), options.Interval, cancellationToken))
        {
            try
            {
                table = QueryRunner.Read(command, plan.Columns);
            }
            catch (DuckDBException ex) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The analysis was cancelled while DuckDB ran it.", ex, cancellationToken);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        progress.Report(new EngineProgress(Stage.Aggregating, 1.0,
            $"Aggregated {rows.ToString("N0", CultureInfo.InvariantCulture)} rows into {table.Rows.Count.ToString("N0", CultureInfo.InvariantCulture)} result rows",
            RowsScanned: rows, BytesScanned: bytes));
        return table;
    }

    public void Dispose()
    {
        lock (gate)
        {
            while (idle.TryPop(out var connection))
            {
                connection.Dispose();
            }
            database?.Dispose();
            database = null;
        }
    }

    /// <summary>An idle connection, or a new one to the engine's database (created and configured on first use).</summary>
    private DuckDBConnection Rent()
    {
        DuckDBConnection connection;
        lock (gate)
        {
            if (idle.TryPop(out var reused))
            {
                return reused;
            }
            if (database is null)
            {
                var root = new DuckDBConnection("DataSource=:memory:");
                root.Open();
                Execute(root, DatabaseSettings());
                database = root;
            }
            connection = database.Duplicate();
        }
        connection.Open();
        // Progress is only tracked with the progress bar on (a setting of each connection);
        // printing it is turned off, and it starts at once rather than after two seconds.
        Execute(connection, "SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET progress_bar_time = 0");
        return connection;
    }

    private void Return(DuckDBConnection connection)
    {
        lock (gate)
        {
            if (database is not null && idle.Count < MaxIdleConnections)
            {
                idle.Push(connection);
                return;
            }
        }
        connection.Dispose();
    }

    /// <summary>Settings of the whole database, made once: threads and memory are shared by every connection.</summary>
    private string DatabaseSettings()
    {
        // A dataset version's Parquet files never change once written (a new version is a new file), so
        // their footers are parsed once, not by every analysis (DuckDB still checks each file's mtime).
        var settings = new List<string> { "SET GLOBAL parquet_metadata_cache = true" };
        if (options.Threads is { } threads)
        {
            settings.Add($"SET GLOBAL threads = {threads.ToString(CultureInfo.InvariantCulture)}");
        }
        if (options.MemoryLimit is { } memory)
        {
            settings.Add($"SET GLOBAL memory_limit = {DuckDbDialect.StringLiteral(memory)}");
        }
        return string.Join("; ", settings);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        if (sql.Length == 0)
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The rows (counted at load, else from the Parquet footers: no data read), the files' size, and
    /// for a version stored as one Parquet file that file (links followed), which TableCache may copy.
    /// </summary>
    /// <exception cref="FileNotFoundException">The dataset's Parquet copy is gone.</exception>
    private static (long Rows, long Bytes, FileInfo? OneFile) DatasetSize(DuckDBConnection connection, DatasetInfo dataset)
    {
        if (dataset.Storage == DatasetStorage.CsvInPlace)
        {
            // A CSV read in place has no footer to count rows from; registration estimated them.
            var csv = new FileInfo(dataset.OriginalPath);
            return csv.Exists
                ? (dataset.RowCount, csv.Length, null)
                : throw new FileNotFoundException($"The CSV of dataset '{dataset.Name}' (read in place) is missing: {dataset.OriginalPath}", dataset.OriginalPath);
        }
        if (dataset.RowCount > 0 && dataset.ParquetPath.IndexOfAny(['*', '?', '[']) < 0)
        {
            // One file whose rows were counted when it was loaded: no query needed to size it.
            var parquet = new FileInfo(dataset.ParquetPath);
            var target = parquet.Exists ? parquet.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? parquet : null;
            return target is not null
                ? (dataset.RowCount, target.Length, target)
                : throw new FileNotFoundException($"The Parquet copy of dataset '{dataset.Name}' is missing: {dataset.ParquetPath}", dataset.ParquetPath);
        }
        var path = DuckDbDialect.StringLiteral(dataset.ParquetPath);
        using var command = connection.CreateCommand();
        // The path may be a glob over part files; size what DuckDB will actually read.
        command.CommandText = $"SELECT file FROM glob({path})";
        var bytes = 0L;
        var count = 0;
        using (var files = command.ExecuteReader())
        {
            while (files.Read())
            {
                var file = new FileInfo(files.GetString(0));
                bytes += (file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file).Length;
                count++;
            }
        }
        if (count == 0)
        {
            throw new FileNotFoundException($"The Parquet copy of dataset '{dataset.Name}' is missing: {dataset.ParquetPath}", dataset.ParquetPath);
        }
        command.CommandText = $"SELECT CAST(COALESCE(SUM(num_rows), 0) AS BIGINT) FROM parquet_file_metadata({path})";
        var rows = System.Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return (rows, bytes, null);
    }
}
