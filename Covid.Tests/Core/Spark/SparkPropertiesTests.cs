using Covid.SparkJob.Spark;

namespace Covid.Tests.Core.Spark;

public sealed class SparkPropertiesTests
{
    [Fact]
    public void Format_UnsortedConfs_SortedKeyValueLines()
    {
        var text = SparkProperties.Format(new Dictionary<string, string> { ["spark.b"] = "2", ["spark.a"] = "1" });

        Assert.Equal("spark.a=1\nspark.b=2\n", text);
    }

    [Theory]
    [InlineData("k8s://https://kubernetes.default.svc", "k8s\\://https\\://kubernetes.default.svc")]
    [InlineData("a=b#c!d", "a\\=b\\#c\\!d")]
    [InlineData("C:\\dir", "C\\:\\\\dir")]
    [InlineData(" leading and inner space", "\\ leading and inner space")]
    [InlineData("line\nbreak\ttab", "line\\nbreak\\ttab")]
    [InlineData("café", "caf\\u00E9")]
    public void Escape_Value_AsJavaPropertiesStoreWritesIt(string value, string expected)
    {
        Assert.Equal(expected, SparkProperties.Escape(value, isKey: false));
    }

    [Fact]
    public void Escape_KeyWithSpaces_EveryspaceEscaped()
    {
        Assert.Equal("spark.kubernetes.executor.label.a\\ b\\:c", SparkProperties.Escape("spark.kubernetes.executor.label.a b:c", isKey: true));
    }
}
