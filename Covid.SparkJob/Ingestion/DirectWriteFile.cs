using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// A new file written past the page cache where Linux allows it (O_DIRECT): the disk reads the
/// bytes from this process' buffer instead of the kernel first copying them into cached pages.
/// That copy is the dearest part of keeping an upload's original on these virtual machines: 811 MB
/// cost 2.45 s of system CPU written cached and 0.33 s written direct (<c>dd bs=1M</c> against
/// <c>dd bs=1M oflag=direct</c> on the data disk), and on two cores an upload's time is its CPU.
/// Nothing reads the original while it is written (the converter reads pipes, the compressor reads
/// it after the publish), so cached pages would only be filled for nothing. Bytes are gathered
/// into an aligned buffer and written a whole buffer at a time; the last partial block goes
/// through the cache. Where O_DIRECT is not to be had (another OS or architecture, a file system
/// that refuses it) this is a plain cached file with the same bytes.
/// </summary>
internal sealed class DirectWriteFile : Stream
{
    // A multiple of every logical block size in use (512 bytes, 4 KiB): O_DIRECT wants the buffer, length and offset aligned to it.
    private const int Alignment = 4096;
    private const int BufferBytes = 1 << 20;

    private readonly SafeFileHandle _handle;
    // Pinned (never moved), so the aligned window at _start keeps its address.
    private readonly byte[] _array = GC.AllocateUninitializedArray<byte>(BufferBytes + Alignment, pinned: true);
    private readonly int _start;
    private int _filled;
    private long _offset;
    private bool _direct;
    private bool _closed;

    /// <summary>Creates <paramref name="path"/> (it must not exist).</summary>
    public DirectWriteFile(string path)
    {
        _handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        var address = Marshal.UnsafeAddrOfPinnedArrayElement(_array, 0);
        _start = (int)((Alignment - (address % Alignment)) % Alignment);
        _direct = SetDirect(true);
    }

    /// <summary>True while whole buffers go past the page cache.</summary>
    public bool Direct => _direct;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        while (buffer.Length > 0)
        {
            var n = Math.Min(buffer.Length, BufferBytes - _filled);
            buffer[..n].CopyTo(_array.AsSpan(_start + _filled));
            _filled += n;
            buffer = buffer[n..];
            if (_filled == BufferBytes)
            {
                WriteOut(BufferBytes);
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_closed;

    public override long Length => _offset + _filled;

    public override long Position { get => Length; set => throw new NotSupportedException(); }

    /// <summary>Bytes wait in the buffer until it is full or the file is closed: a partial block cannot be written direct.</summary>
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Writes what is left (whole blocks direct, the rest cached) and closes the file.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closed)
        {
            _closed = true;
            try
            {
                var blocks = _filled / Alignment * Alignment;
                if (blocks > 0)
                {
                    WriteOut(blocks);
                }
                if (_filled > 0)
                {
                    _direct = _direct && SetDirect(false);
                    WriteOut(_filled);
                }
            }
            finally
            {
                _handle.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    /// <summary>The first <paramref name="count"/> bytes of the buffer to the file; what follows them moves to the front.</summary>
    private void WriteOut(int count)
    {
        var bytes = _array.AsSpan(_start, count);
        try
        {
            RandomAccess.Write(_handle, bytes, _offset);
        }
        catch (IOException) when (_direct)
        {
            // Refused direct (a file system that takes the flag but not the write): the same bytes, cached.
            // A full disk fails again here, and that is what the caller sees.
            _direct = SetDirect(false);
            RandomAccess.Write(_handle, bytes, _offset);
        }
        _offset += count;
        _array.AsSpan(_start + count, _filled - count).CopyTo(_array.AsSpan(_start));
        _filled -= count;
    }

    /// <summary>Turns O_DIRECT on or off for the open file; true when it is now on.</summary>
    private bool SetDirect(bool on)
    {
        var flag = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 0x4000, // O_DIRECT in Linux's generic and x86 headers
            Architecture.Arm64 => 0x10000, // arm64 numbers it apart
            _ => 0,
        };
        if (!OperatingSystem.IsLinux() || flag == 0)
        {
            return false;
        }
        var fd = (int)_handle.DangerousGetHandle();
        var flags = NativeMethods.fcntl(fd, GetFlags, 0);
        return flags >= 0 && NativeMethods.fcntl(fd, SetFlags, on ? flags | flag : flags & ~flag) == 0 && on;
    }

    private const int GetFlags = 3; // F_GETFL
    private const int SetFlags = 4; // F_SETFL

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054, CA5392 // libc is a system library; one int call needs no source-generated marshalling
        [DllImport("libc", SetLastError = true)]
        public static extern int fcntl(int fd, int cmd, int arg);
#pragma warning restore SYSLIB1054, CA5392
    }
}
