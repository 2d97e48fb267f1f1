namespace Covid.Bench;

/// <summary>
/// Where a figure's data directories go when it is done. This machine's ext4 has no journal, and
/// such an ext4 skips every inode freed in the last minutes when it allocates a new one: deleting
/// one server's 100,000 files would make each file the next server creates cost up to a
/// millisecond of CPU, so figures run one after another (the four of <c>concurrency</c>) would
/// each measure the one before. run.sh names a folder in COVID_BENCH_SPENT and deletes it once
/// every figure has run; a folder moved there frees nothing until then.
/// </summary>
internal static class SpentDirectories
{
    public static void Remove(string directory)
    {
        var spent = Environment.GetEnvironmentVariable("COVID_BENCH_SPENT");
        if (string.IsNullOrEmpty(spent))
        {
            Directory.Delete(directory, recursive: true);
            return;
        }
        Directory.CreateDirectory(spent);
        Directory.Move(directory, Path.Combine(spent, Path.GetFileName(directory)));
    }
}
