using Covid.Tests.Support;
using Covid.Tests.Support.Spark;
using Covid.V1;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc.Spark;

/// <summary>
/// On Spark an analysis reads the version it was pinned to at submit, as on the embedded engine:
/// the driver's query.sql names that version's directory (and with compareTo the other's), and
/// the result is the embedded engine's, cell for cell, with the same provenance.
/// </summary>
[Collection(SparkClusterCollection.Name)]
public sealed class SparkVersionTests(SparkClusterFixture fixture)
{
    private readonly SparkCluster cluster = fixture.Reset();

    [Fact]
    public async Task Spark_AsOfAndCompareTo_ScriptReadsThePinnedVersions_ResultAsEmbedded()
    {
        var ct = Timeouts.Token(120);
        const string name = "spark-vintages";
        await Vintages.LoadBothAsync(cluster.Server.Datasets, ct, name);
        var pinned = Vintages.WeeklyByState(name);
        pinned.AsOf = "2020-12-31";
        var compared = Vintages.WeeklyByState(name);
        compared.CompareTo = new CompareTo { Version = 1 };

        foreach (var spec in new[] { pinned, compared })
        {
            var onSpark = await cluster.RunAsync(spec.Clone(), ct);
            Assert.True(onSpark.State == State.Succeeded, onSpark.FailureReason);
            var script = cluster.ConfigMaps().Single(m => m.Metadata.Name.Contains(SparkCluster.Id(onSpark), StringComparison.Ordinal)).Data["query.sql"];
            var (embedded, expected) = await Vintages.RunAsync(cluster.Analyses, spec, ct);
            var actual = await cluster.Analyses.GetResultAsync(new GetResultRequest { Name = onSpark.Name }, cancellationToken: ct);

            // asOf 2020-12-31 reads version 1 only; compareTo reads the newest (2) and version 1.
            var version = spec.CompareTo is null ? 1 : 2;
            Assert.Contains($"/datasets/{name}/v1/data.parquet", script, StringComparison.Ordinal);
            Assert.Equal(spec.CompareTo is not null, script.Contains($"/datasets/{name}/v2/data.parquet", StringComparison.Ordinal));
            Assert.Equal((version, embedded.DatasetVersion), (onSpark.DatasetVersion.Version, onSpark.DatasetVersion));
            Assert.Equal(embedded.CompareVersion, onSpark.CompareVersion);
            actual.Analysis = expected.Analysis;
            Assert.Equal(expected, actual);
        }
    }
}
