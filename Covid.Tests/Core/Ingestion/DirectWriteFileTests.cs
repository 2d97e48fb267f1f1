using System.Runtime.InteropServices;
using Covid.SparkJob.Ingestion;
using Covid.Tests.Support;

namespace Covid.Tests.Core.Ingestion;

/// <summary>
/// The original's file written past the page cache: whatever the sizes of the writes and of the
/// file (empty, under one block, whole blocks, whole buffers and a tail), the bytes read back are
/// the bytes written; on Linux x64 and arm64 the whole buffers really go direct.
/// </summary>
public sealed class DirectWriteFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(0, 7)]
    [InlineData(1, 1)]
    [InlineData(4095, 100)]
    [InlineData(4096, 4096)]
    [InlineData(1 << 20, 65536)]
    [InlineData((1 << 20) + 1, 65536)]
    [InlineData((7 << 19) + 12345, 300_001)]
    public void Write_AnySizeInAnyChunks_ReadsBackTheSameBytes(int size, int chunk)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var path = _dir.File("original.csv");
        using (var file = new DirectWriteFile(path))
        {
            for (var at = 0; at < size; at += chunk)
            {
                file.Write(bytes.AsSpan(at, Math.Min(chunk, size - at)));
            }
            Assert.Equal(size, file.Length);
        }
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void Create_OnLinuxDisk_WritesDirectAndRefusesAnExistingFile()
    {
        // The build output sits on the clone's disk, never a tmpfs: a file system that takes O_DIRECT.
        var directory = Path.Combine(AppContext.BaseDirectory, "direct-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var path = Path.Combine(directory, "original.csv");
            using (var file = new DirectWriteFile(path))
            {
                var linux = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is System.Runtime.InteropServices.Architecture.X64 or System.Runtime.InteropServices.Architecture.Arm64;
                Assert.Equal(linux, file.Direct);
                file.Write(new byte[3 << 20]);
                Assert.Equal(linux, file.Direct);
            }
            Assert.Equal(3 << 20, new FileInfo(path).Length);
            Assert.Throws<IOException>(() => new DirectWriteFile(path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
