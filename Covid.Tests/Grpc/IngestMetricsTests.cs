using System.Diagnostics.Metrics;
using System.Text;
using Covid.Server.Datasets;
using Covid.Server.Telemetry;
using Covid.Tests.Support;
using Covid.V1;

namespace Covid.Tests.Grpc;

/// <summary>covid.datasets.ingested_bytes as the server's meter publishes it, for uploads that load and that are refused.</summary>
public sealed class IngestMetricsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task UploadDataset_Loaded_CountsItsBytesAsUploadLoaded()
    {
        var ct = Timeouts.Token(60);
        var content = File.ReadAllBytes(CdcFiles.Get(CdcFiles.CasesDeaths2020));
        using var counted = new IngestedBytes("upload", "loaded");

        var dataset = await ServerCalls.UploadAsync(fixture.Host.Datasets, "metered-upload", content, ct);

        Assert.Equal(content.Length, dataset.SizeBytes);
        // The meter is the process' own: other tests' uploads may add to it, never take away.
        Assert.True(counted.Total >= content.Length, $"counted {counted.Total} bytes, the upload had {content.Length}");
    }

    [Fact]
    public async Task UploadDataset_BadLine_CountsTheChunksTakenBeforeItAsRefused()
    {
        var ct = Timeouts.Token(60);
        var lines = File.ReadAllLines(CdcFiles.Get(CdcFiles.CasesDeaths2020)).Take(400).ToArray();
        lines[200] = "not a date" + lines[200][lines[200].IndexOf(',')..];
        var content = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
        const int chunk = 1024;
        // Every chunk before the one holding the bad line was checked and written before the refusal.
        var before = Encoding.UTF8.GetByteCount(string.Join("\n", lines.Take(200)) + "\n") / chunk * chunk;
        using var counted = new IngestedBytes("upload", "refused");

        await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(() => ServerCalls.UploadAsync(fixture.Host.Datasets, "metered-refused", content, ct, chunkSize: chunk));

        Assert.True(before > 0);
        Assert.True(counted.Total >= before, $"counted {counted.Total} refused bytes; {before} were taken before the bad line");
    }

    /// <summary>Bytes counted from now on with the given way in and outcome (by any server in this process).</summary>
    private sealed class IngestedBytes : IDisposable
    {
        private readonly MeterListener listener = new();
        private long total;

        public IngestedBytes(string source, string outcome)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CovidDiagnostics.Name && instrument.Name == IngestMetrics.IngestedBytes)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                var matches = 0;
                foreach (var tag in tags)
                {
                    matches += (tag.Key == "covid.ingest.source" && Equals(tag.Value, source)) || (tag.Key == "covid.outcome" && Equals(tag.Value, outcome)) ? 1 : 0;
                }
                if (matches == 2)
                {
                    Interlocked.Add(ref total, value);
                }
            });
            listener.Start();
        }

        public long Total => Interlocked.Read(ref total);

        public void Dispose() => listener.Dispose();
    }
}
