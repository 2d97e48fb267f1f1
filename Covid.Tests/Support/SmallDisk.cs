using System.Diagnostics;

namespace Covid.Tests.Support;

/// <summary>
/// A small tmpfs of its own (root only: <see cref="RootFactAttribute"/>), to run the server's data
/// directory on a disk that really fills up: <see cref="Fill"/> writes a filler file until the
/// kernel answers ENOSPC, <see cref="Free"/> deletes it. Unmounted on dispose.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private readonly string filler;

    public SmallDisk(int megabytes = 96)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "covid-small-disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", Path);
        // Outside the data directory, so the server never sees it.
        filler = System.IO.Path.Combine(Path, "filler");
        DataDirectory = System.IO.Path.Combine(Path, "data");
        Directory.CreateDirectory(DataDirectory);
    }

    public string Path { get; }

    public string DataDirectory { get; }

    /// <summary>Takes every free byte, leaving <paramref name="leaveBytes"/> (rounded to the file system's blocks).</summary>
    public void Fill(long leaveBytes = 0)
    {
        var free = new DriveInfo(Path).AvailableFreeSpace - leaveBytes;
        using var stream = new FileStream(filler, FileMode.Append, FileAccess.Write, FileShare.None, 0);
        var block = new byte[1 << 20];
        try
        {
            while (free > 0)
            {
                var n = (int)Math.Min(block.Length, free);
                stream.Write(block, 0, n);
                free -= n;
            }
        }
        catch (IOException)
        {
            // Full already.
        }
    }

    public void Free() => File.Delete(filler);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static void Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true })!;
        if (!process.WaitForExit(30_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed: {process.StandardError.ReadToEnd()}");
        }
    }
}
