using System.Runtime.InteropServices;

namespace Covid.Server.Storage;

/// <summary>
/// Makes a directory's entries durable. A rename into a directory (a dataset version published)
/// is only journaled by the file system, committed seconds later or with the next fsync of
/// anything; fsync of the directory itself is what POSIX says carries the new name through a
/// crash of the machine. .NET opens no directory handles, so this calls libc directly.
/// </summary>
public static class DirectoryFlush
{
    private const int ReadOnly = 0; // O_RDONLY: enough to fsync a directory on Linux and macOS

    /// <exception cref="IOException">The directory could not be opened or flushed.</exception>
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // NTFS journals a rename itself and has no directory handle to flush
        }
        var fd = NativeMethods.open(directory, ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"could not open directory {directory} to flush it (errno {Marshal.GetLastPInvokeError()})");
        }
        try
        {
            if (NativeMethods.fsync(fd) != 0)
            {
                throw new IOException($"could not flush directory {directory} to the disk (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = NativeMethods.close(fd);
        }
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054, CA5392 // LibraryImport would need unsafe code for one path string; libc is a system library
        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport("libc")]
        public static extern int close(int fd);
#pragma warning restore SYSLIB1054, CA5392
    }
}
