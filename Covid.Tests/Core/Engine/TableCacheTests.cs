using Covid.SparkJob.Engine;
using Covid.SparkJob.Planning;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using DuckDB.NET.Data;

namespace Covid.Tests.Core.Engine;

/// <summary>Small versions read from their copy in memory: the same rows as from the file, kept within the budget, never stale.</summary>
[Collection(RealDataCollection.Name)]
public sealed class TableCacheTests(RealData data) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("table-cache-").FullName;
    private readonly DuckDBConnection connection = Open();

    [Fact]
    public async Task RunAsync_RealExportFromTheTableAndFromTheFile_SameRows()
    {
        using var fromFile = new EmbeddedEngine(new EmbeddedEngineOptions(TableCacheBytes: 0));
        using var fromTable = new EmbeddedEngine();
        foreach (var spec in new[] { Specs.IssueExample(), Specs.WeeklyCases() })
        {
            var plan = AnalysisPlanner.Plan(spec, data.Cases2021);
            var expected = await fromFile.RunAsync(EngineHarness.Job, plan, new EngineHarness.Recorder([]), CancellationToken.None);
            // The first run makes the copy, the second finds it.
            for (var run = 0; run < 2; run++)
            {
                var table = await fromTable.RunAsync(EngineHarness.Job, plan, new EngineHarness.Recorder([]), CancellationToken.None);
                Assert.NotEmpty(table.Rows);
                Assert.Equal(expected.Rows, table.Rows);
            }
        }
        Assert.True(fromTable.TableBytes > 0, "the state export was not kept as a table");
        Assert.Equal(0, fromFile.TableBytes);
    }

    [Fact]
    public void Acquire_SecondUse_ReadsTheKeptTable()
    {
        var cache = new TableCache(64L << 20);
        var dataset = Version("a.parquet", rows: 1000);

        string first;
        using (var lease = cache.Acquire(connection, dataset))
        {
            first = Assert.IsType<TableCache.Lease>(lease).Source;
            Assert.Equal(1000, Count(first));
        }
        using var again = cache.Acquire(connection, dataset);

        Assert.Equal(first, again?.Source);
        Assert.True(cache.UsedBytes > 0);
        Assert.Single(Tables());
    }

    [Fact]
    public void Acquire_FileLargerThanAQuarterOfTheBudget_ReadsTheFile()
    {
        var dataset = Version("big.parquet", rows: 20_000);
        var cache = new TableCache(dataset.Length * 4 - 1);

        Assert.Null(cache.Acquire(connection, dataset));
        Assert.Empty(Tables());
    }

    [Fact]
    public void Acquire_FileReplacedAtTheSamePath_CopiesTheNewRows()
    {
        var cache = new TableCache(64L << 20);
        var dataset = Version("v1.parquet", rows: 1000);
        using (cache.Acquire(connection, dataset))
        {
        }

        Write(dataset.FullName, rows: 1500);
        File.SetLastWriteTimeUtc(dataset.FullName, DateTime.UtcNow.AddMinutes(1));
        using var replaced = cache.Acquire(connection, new FileInfo(dataset.FullName));

        Assert.Equal(1500, Count(replaced!.Source));
    }

    [Fact]
    public void Acquire_OverBudget_DropsTheLeastRecentlyUsedTableNoQueryReads()
    {
        var one = Measure();
        var cache = new TableCache(one * 5 / 2);
        var (a, b, c) = (Version("a.parquet", 1000), Version("b.parquet", 1000), Version("c.parquet", 1000));

        using var reading = cache.Acquire(connection, a);
        using (cache.Acquire(connection, b))
        {
        }
        using var third = cache.Acquire(connection, c);

        // b was the only one no query read: it went; a (leased) and c are kept.
        Assert.NotNull(reading);
        Assert.NotNull(third);
        Assert.Equal(2, Tables().Count);
        Assert.Equal(1000, Count(reading.Source));
        Assert.True(cache.UsedBytes <= one * 5 / 2);
        using var bAgain = cache.Acquire(connection, b);
        Assert.Null(bAgain);
    }

    [Fact]
    public void Acquire_VersionGone_ItsTableIsDroppedAtTheNextCopy()
    {
        var cache = new TableCache(64L << 20);
        var gone = Version("gone.parquet", 1000);
        using (cache.Acquire(connection, gone))
        {
        }
        File.Delete(gone.FullName);

        using var other = cache.Acquire(connection, Version("other.parquet", 1000));

        Assert.Single(Tables());
    }

    public void Dispose()
    {
        connection.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>The bytes one 1,000-row table takes, as a cache of its own counts them.</summary>
    private long Measure()
    {
        using var probe = Open();
        var cache = new TableCache(64L << 20);
        using (cache.Acquire(probe, Version("probe.parquet", 1000)))
        {
        }
        return cache.UsedBytes;
    }

    /// <summary>A version's Parquet file of <paramref name="rows"/> rows, as the engine hands it to the cache.</summary>
    private FileInfo Version(string file, int rows)
    {
        var path = Path.Combine(directory, file);
        Write(path, rows);
        return new FileInfo(path);
    }

    private void Write(string path, int rows) =>
        Execute($"COPY (SELECT i AS n, 'row ' || i AS label FROM range({rows}) t(i)) TO '{path}' (FORMAT parquet)");

    private long Count(string source)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {source}";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private List<string> Tables()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'cached_versions'";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static DuckDBConnection Open()
    {
        var opened = new DuckDBConnection("DataSource=:memory:");
        opened.Open();
        return opened;
    }
}
