using System.Security.Cryptography;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Support;

/// <summary>
/// The two shared 9mfq-cb36 exports (2020-09-23 and 2021-05-30) loaded as versions 1 and 2 of one
/// dataset name, and the calls tests of versions make.
/// </summary>
internal static class Vintages
{
    public const string Name = "cases";

    public static string Early => CdcFiles.Get(CdcFiles.CasesDeaths2020);

    public static string Late => CdcFiles.Get(CdcFiles.CasesDeaths2021);

    /// <summary>The 2020-09-23 export as version 1 of <paramref name="name"/>, then the 2021-05-30 one as version 2.</summary>
    public static async Task<(Dataset First, Dataset Second)> LoadBothAsync(DatasetService.DatasetServiceClient client, CancellationToken ct, string name = Name)
    {
        var first = await LoadAsync(client, Early, name, ct);
        var second = await LoadAsync(client, Late, name, ct);
        return (first, second);
    }

    /// <summary>Uploads <paramref name="path"/> as the next version of <paramref name="name"/> (replace: true, so a first load works too).</summary>
    public static async Task<Dataset> LoadAsync(DatasetService.DatasetServiceClient client, string path, string name, CancellationToken ct) =>
        await ServerCalls.UploadAsync(client, name, await File.ReadAllBytesAsync(path, ct), ct, Path.GetFileName(path), replace: true);

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    public static async Task<IReadOnlyList<DatasetVersion>> VersionsAsync(DatasetService.DatasetServiceClient client, string name, CancellationToken ct) =>
        (await client.ListDatasetVersionsAsync(new ListDatasetVersionsRequest { Name = name }, cancellationToken: ct)).Versions;

    /// <summary>Weekly new cases and deaths by state over <paramref name="dataset"/>, every row.</summary>
    public static AnalysisSpec WeeklyByState(string dataset = Name) => Specs.Parse($$"""
        {"dataset": "{{dataset}}", "groupBy": ["state"], "timeBucket": "WEEK",
         "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}, {"name": "deaths", "aggregation": "SUM", "field": "new_death"}],
         "engine": "EMBEDDED"}
        """);

    public static async Task<Analysis> SubmitAsync(AnalysisService.AnalysisServiceClient client, AnalysisSpec spec, CancellationToken ct) =>
        await client.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec }, cancellationToken: ct);

    /// <summary>Submits, waits until it SUCCEEDED (or fails the test with its reason) and fetches the result.</summary>
    public static async Task<(Analysis Analysis, Result Result)> RunAsync(AnalysisService.AnalysisServiceClient client, AnalysisSpec spec, CancellationToken ct)
    {
        var submitted = await SubmitAsync(client, spec, ct);
        return await FinishAsync(client, submitted.Name, ct);
    }

    public static async Task<(Analysis Analysis, Result Result)> FinishAsync(AnalysisService.AnalysisServiceClient client, string name, CancellationToken ct)
    {
        var done = await ServerCalls.WaitForAsync(client, name, a => a.State is Analysis.Types.State.Succeeded or Analysis.Types.State.Failed, ct);
        Assert.True(done.State == Analysis.Types.State.Succeeded, done.FailureReason);
        return (done, await client.GetResultAsync(new GetResultRequest { Name = name }, cancellationToken: ct));
    }

    /// <summary>The status code of a call that must fail.</summary>
    public static async Task<RpcException> FailsAsync<T>(Func<AsyncUnaryCall<T>> call) =>
        await Assert.ThrowsAsync<RpcException>(async () => await call().ResponseAsync);
}
