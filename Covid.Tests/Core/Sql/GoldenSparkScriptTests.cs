using Covid.Tests.Support;
using Covid.Tests.Support.Reference;

namespace Covid.Tests.Core.Sql;

/// <summary>
/// The Spark script of each representative spec, pinned under Core/Sql/Golden/NAME.sql with a
/// header naming the Spark features it relies on (reviewed against the Spark 3.5 SQL reference).
/// Set COVID_UPDATE_GOLDENS=1 to rewrite them after a deliberate change, then review the diff.
/// </summary>
public sealed class GoldenSparkScriptTests
{
    /// <summary>Read from the source tree, not copied to the output, so COVID_UPDATE_GOLDENS rewrites the files in git.</summary>
    private static string GoldenDirectory => Path.Combine(CdcFiles.RepoRoot, "Covid.Tests", "Core", "Sql", "Golden");

    public static TheoryData<string> Names => new(RepresentativeSpec.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Build_RepresentativeSpec_MatchesGolden(string name)
    {
        var spec = RepresentativeSpec.All.Single(s => s.Name == name);
        var expected = Golden(spec);
        var path = Path.Combine(GoldenDirectory, name + ".sql");
        if (Environment.GetEnvironmentVariable("COVID_UPDATE_GOLDENS") == "1")
        {
            File.WriteAllText(path, expected);
        }
        Assert.True(File.Exists(path), $"golden {path} is missing; run with COVID_UPDATE_GOLDENS=1 and review it");
        Assert.Equal(File.ReadAllText(path), expected);
    }

    [Fact]
    public void Goldens_Folder_HoldsExactlyTheRepresentativeSpecs()
    {
        var files = Directory.GetFiles(GoldenDirectory, "*.sql")
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(RepresentativeSpec.All.Select(s => s.Name).Order(StringComparer.Ordinal), files);
    }

    internal static string Golden(RepresentativeSpec spec) =>
        $"-- golden: {spec.Name}\n-- Spark features: {spec.SparkFeatures}\n" + AnalysisDatasets.SparkScript(spec);
}
