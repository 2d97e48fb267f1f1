using System.Runtime.InteropServices;

namespace Covid.Server.Storage;

/// <summary>
/// A second name for an existing file (POSIX link(2)): no inode is allocated for it, and removing
/// one of the names frees nothing while the other remains. .NET has no API for it, so this calls
/// libc directly, as <see cref="DirectoryFlush"/> does.
/// </summary>
public static class HardLink
{
    private const int Exists = 17; // EEXIST
    private const int NoEntry = 2; // ENOENT

    /// <summary>What <see cref="TryCreate"/> did.</summary>
    public enum Outcome
    {
        Created,
        /// <summary><c>link</c> already names a file.</summary>
        Exists,
        /// <summary><c>link</c>'s folder, or <c>target</c>, is missing.</summary>
        Missing,
        /// <summary>This platform or file system makes no hard links (Windows here, some network and FUSE mounts).</summary>
        Unsupported,
    }

    public static Outcome TryCreate(string target, string link)
    {
        if (OperatingSystem.IsWindows())
        {
            return Outcome.Unsupported;
        }
        if (NativeMethods.link(target, link) == 0)
        {
            return Outcome.Created;
        }
        return Marshal.GetLastPInvokeError() switch
        {
            Exists => Outcome.Exists,
            NoEntry => Outcome.Missing,
            _ => Outcome.Unsupported,
        };
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054, CA5392 // LibraryImport would need unsafe code for two path strings; libc is a system library
        [DllImport("libc", SetLastError = true)]
        public static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string target, [MarshalAs(UnmanagedType.LPUTF8Str)] string link);
#pragma warning restore SYSLIB1054, CA5392
    }
}
