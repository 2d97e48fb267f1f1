using Covid.SparkJob.Engine;
using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Grpc.Tenancy;

/// <summary>Quotas per principal at their edge, each refusal RESOURCE_EXHAUSTED naming the quota.</summary>
public sealed class QuotaTests
{
    [Fact]
    public async Task ActiveAnalyses_AtTheQuotaPass_OneMoreIsRefusedForThatPrincipalOnly()
    {
        var ct = Timeouts.Token(60);
        var gated = new GatedEngine(new EmbeddedEngine());
        var settings = TestCredentials.ApiKeys(("alice", "user"), ("bob", "user"));
        settings["Quotas:MaxActiveAnalyses"] = "2";
        settings["Jobs:MaxConcurrent"] = "1";
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Customize = gated.Customize, Settings = settings });
        var alice = TestCredentials.Clients(host, "alice").Analyses;
        var submit = () => alice.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct).ResponseAsync;

        await submit();
        await submit();
        var third = await Assert.ThrowsAsync<RpcException>(submit);
        var bobs = await TestCredentials.Clients(host, "bob").Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
        gated.Open();

        Assert.Equal(StatusCode.ResourceExhausted, third.StatusCode);
        Assert.Contains("alice already has 2 analyses queued or running", third.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Quotas:MaxActiveAnalyses", third.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("bob", bobs.Owner);
    }

    [Fact]
    public async Task StoredBytes_AtTheQuotaPass_OneByteMoreIsRefusedAndNothingKept()
    {
        var ct = Timeouts.Token(60);
        var csv = await File.ReadAllBytesAsync(CdcFiles.Get(CdcFiles.CasesDeaths2020), ct);
        var settings = TestCredentials.ApiKeys(("alice", "user"));
        settings["Quotas:MaxStoredBytes"] = (2L * csv.Length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // One version kept: the new version of "first" prunes the old one, whose bytes are freed (every kept version counts).
        settings["Data:KeepVersions"] = "1";
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = settings });
        var datasets = TestCredentials.Clients(host, "alice").Datasets;

        await ServerCalls.UploadAsync(datasets, "first", csv, ct);
        var replaced = await TenantIsolationTests.Upload(datasets, "first", csv, replace: true, shared: false, ct);
        var second = await Assert.ThrowsAsync<RpcException>(() => ServerCalls.UploadAsync(datasets, "second", csv, ct));
        var listed = await datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct);

        Assert.Equal("first", replaced.Name);
        Assert.Equal(StatusCode.ResourceExhausted, second.StatusCode);
        Assert.Contains("Quotas:MaxStoredBytes", second.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(listed.Datasets, d => d.Name == "second");
    }

    [Fact]
    public async Task RequestRate_OverTheBurst_IsResourceExhaustedAsAGrpcStatus()
    {
        var settings = TestCredentials.ApiKeys(("alice", "user"), ("bob", "user"));
        settings["Limits:RequestsPerMinute"] = "1";
        settings["Limits:RequestBurst"] = "3";
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = settings });
        var alice = TestCredentials.Clients(host, "alice").Datasets;
        var list = () => alice.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: Timeouts.Token()).ResponseAsync;

        for (var i = 0; i < 3; i++)
        {
            await list();
        }
        var fourth = await Assert.ThrowsAsync<RpcException>(list);
        var bobs = await TestCredentials.Clients(host, "bob").Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: Timeouts.Token());

        Assert.Equal(StatusCode.ResourceExhausted, fourth.StatusCode);
        Assert.Contains("too many requests from alice", fourth.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Limits:RequestBurst", fourth.Status.Detail, StringComparison.Ordinal);
        Assert.NotEmpty(bobs.Datasets);
    }

    [Fact]
    public async Task OpenStreams_AtTheLimitPass_OneMoreIsRefusedNamingIt()
    {
        var ct = Timeouts.Token(60);
        var gated = new GatedEngine(new EmbeddedEngine());
        var settings = TestCredentials.ApiKeys(("alice", "user"));
        settings["Limits:MaxStreamsPerPrincipal"] = "2";
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Customize = gated.Customize, Settings = settings });
        var alice = TestCredentials.Clients(host, "alice").Analyses;
        var submitted = await alice.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
        await gated.WaitEnteredAsync(ct);
        using var one = alice.StreamProgress(new StreamProgressRequest { Name = submitted.Name }, cancellationToken: ct);
        using var two = alice.StreamProgress(new StreamProgressRequest { Name = submitted.Name }, cancellationToken: ct);
        Assert.True(await one.ResponseStream.MoveNext(ct));
        Assert.True(await two.ResponseStream.MoveNext(ct));

        var third = await Assert.ThrowsAsync<RpcException>(() => ServerCalls.StreamAsync(alice, submitted.Name, ct));
        gated.Open();

        Assert.Equal(StatusCode.ResourceExhausted, third.StatusCode);
        Assert.Contains("2 streams open", third.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Limits:MaxStreamsPerPrincipal", third.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadsInFlight_AtTheQuotaPass_OneMoreIsRefusedUntilOneEnds()
    {
        var ct = Timeouts.Token(90);
        var csv = await File.ReadAllBytesAsync(CdcFiles.Get(CdcFiles.CasesDeaths2020), ct);
        var settings = TestCredentials.ApiKeys(("alice", "user"), ("bob", "user"));
        settings["Quotas:MaxUploadsInFlight"] = "1";
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = settings });
        var alice = TestCredentials.Clients(host, "alice").Datasets;
        using var open = alice.UploadDataset(cancellationToken: ct);
        await open.RequestStream.WriteAsync(new UploadDatasetRequest { Header = new UploadHeader { Name = "in-flight", Schema = "cdc-cases-deaths-by-state" } }, ct);
        await open.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = Google.Protobuf.ByteString.CopyFrom(csv, 0, 64 * 1024) }, ct);
        // The slot is taken before the staging directory is made: once it exists, the upload is in flight.
        var staging = Path.Combine(host.DataDirectory, "datasets", ".staging");
        while (!Directory.Exists(staging) || Directory.GetDirectories(staging).Length == 0)
        {
            await Task.Delay(20, ct);
        }

        var second = await Assert.ThrowsAsync<RpcException>(() => ServerCalls.UploadAsync(alice, "second", csv, ct));
        var bobs = await ServerCalls.UploadAsync(TestCredentials.Clients(host, "bob").Datasets, "bobs", csv, ct);
        for (var offset = 64 * 1024; offset < csv.Length; offset += 64 * 1024)
        {
            await open.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = Google.Protobuf.ByteString.CopyFrom(csv, offset, Math.Min(64 * 1024, csv.Length - offset)) }, ct);
        }
        await open.RequestStream.CompleteAsync();
        var first = await open.ResponseAsync;
        var afterwards = await ServerCalls.UploadAsync(alice, "second", csv, ct);

        Assert.Equal(StatusCode.ResourceExhausted, second.StatusCode);
        Assert.Contains("alice already has 1 upload or import in flight", second.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Quotas:MaxUploadsInFlight", second.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(14_760, bobs.RowCount);
        Assert.Equal(14_760, first.RowCount);
        Assert.Equal(14_760, afterwards.RowCount);
    }
}
