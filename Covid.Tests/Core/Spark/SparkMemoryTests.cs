using Covid.SparkJob.Spark;

namespace Covid.Tests.Core.Spark;

public sealed class SparkMemoryTests
{
    [Theory]
    [InlineData("1g", 1024)]
    [InlineData("2G", 2048)]
    [InlineData("512m", 512)]
    [InlineData("768", 768)]
    [InlineData("2gb", 2048)]
    [InlineData("1t", 1024 * 1024)]
    [InlineData("2048k", 2)]
    public void ParseMib_JvmSizes_Mebibytes(string value, long expected)
    {
        Assert.Equal(expected, SparkMemory.ParseMib(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("g")]
    [InlineData("-1g")]
    [InlineData("1.5g")]
    [InlineData("2x")]
    public void ParseMib_NotASize_FormatExceptionNamingIt(string value)
    {
        var ex = Assert.Throws<FormatException>(() => SparkMemory.ParseMib(value));
        Assert.Contains($"\"{value}\"", ex.Message);
    }

    [Theory]
    [InlineData("1g", 1024 + 384)]
    [InlineData("8g", 8192 + 819)]
    [InlineData("512m", 512 + 384)]
    public void PodMib_Heap_HeapPlusOverheadOfTenPercentAtLeast384(string heap, long expected)
    {
        Assert.Equal(expected, SparkMemory.PodMib(heap));
    }
}
