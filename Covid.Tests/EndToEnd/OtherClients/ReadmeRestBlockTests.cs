using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using Covid.Tests.Support.OtherClients;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.EndToEnd.OtherClients;

/// <summary>
/// README's "REST, curl and buf curl" block, line by line, by bash against the real server: every
/// curl line (failing on an HTTP error) and every buf curl line must succeed. Only the addresses,
/// the analysis name, the files and the import URL (data.cdc.gov → a local server with a real
/// export) are swapped.
/// </summary>
public sealed class ReadmeRestBlockTests : IAsyncLifetime
{
    private const string ImportUrl = "https://data.cdc.gov/api/views/9mfq-cb36/rows.csv?accessType=DOWNLOAD";
    private readonly TempDirectory work = new("covid-readme-rest-");
    private CdcHttpServer? cdc;
    private ServerHost? host;

    private ServerHost Host => host!;

    public async Task InitializeAsync()
    {
        cdc = await CdcHttpServer.StartAsync();
        host = await ServerHost.StartAsync(new ServerHostOptions { Http1 = true, Settings = { ["Data:ImportHosts:0"] = cdc.Url("") } });
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
        if (cdc is not null)
        {
            await cdc.DisposeAsync();
        }
        work.Dispose();
    }

    [SkippableFactIfClientsMissing]
    public async Task EveryCurlLineThenEveryBufCurlLine_Succeed()
    {
        var block = Assert.Single(ReadmeDocument.FencedBlocks(ReadmeDocument.Load().Section("REST, curl and buf curl"), "bash")).Split('\n');
        var name = await SucceededAnalysisAsync();
        var prelude = Prelude(block.TakeWhile(l => !l.StartsWith("# ", StringComparison.Ordinal)), name);
        var commands = block.SkipWhile(l => !l.StartsWith("# ", StringComparison.Ordinal)).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(Local).ToList();
        await UploadAsync("sept2020");   // the curl lines share and delete it; the buf curl pass uploads it itself

        var curl = await RunAllAsync(prelude, commands.Where(c => c.StartsWith("curl ", StringComparison.Ordinal)));
        await Host.Datasets.DeleteDatasetAsync(new DeleteDatasetRequest { Name = "by-state" }, cancellationToken: Timeouts.Token());
        PngAssert.Picture(await File.ReadAllBytesAsync(work.File("weekly.png")), 1000, 600);
        File.Delete(work.File("weekly.png"));
        var buf = await RunAllAsync(prelude, commands.Where(c => !c.StartsWith("curl ", StringComparison.Ordinal)));

        Assert.Equal(14, curl.Count);
        Assert.Equal(16, buf.Count);
        foreach (var outputs in new[] { curl, buf })
        {
            Assert.Contains(outputs, o => o.Contains("\"FINISHED\"", StringComparison.Ordinal));
            Assert.Contains(outputs, o => o.Contains("\"by-state\"", StringComparison.Ordinal) && o.Contains("14760", StringComparison.Ordinal));
            Assert.Contains(outputs, o => o.Contains("\"cdc-cases-deaths-by-state\"", StringComparison.Ordinal));
        }
        Assert.Contains(buf, o => o.Contains("\"sept2020\"", StringComparison.Ordinal));
        PngAssert.Picture(await File.ReadAllBytesAsync(work.File("weekly.png")), 1000, 600);
    }

    /// <summary>The block's variables, pointed at this server, its buf and this analysis.</summary>
    private string Prelude(IEnumerable<string> lines, string name) =>
        string.Join('\n', lines.Select(l => l.Split('=')[0] switch
        {
            "S" => $"S={Host.Address}",
            "R" => $"R={Host.Http1Address}",
            "ID" => $"ID={name}",
            _ => l.Replace("npx @bufbuild/buf", OtherClientTools.Buf, StringComparison.Ordinal),
        }));

    /// <summary>A line with its files and import URL made local, curl failing on an HTTP error.</summary>
    private string Local(string line) =>
        (line.StartsWith("curl ", StringComparison.Ordinal) ? "curl -sS --fail-with-body --max-time 60 " + line[5..] : line)
            .Replace("weekly.png", work.File("weekly.png"), StringComparison.Ordinal)
            .Replace("sept.csv)", CdcFiles.Get(CdcFiles.CasesDeaths2020) + ")", StringComparison.Ordinal)
            .Replace(ImportUrl, cdc!.Url("/files/" + CdcFiles.CasesDeaths2020), StringComparison.Ordinal);

    private static async Task<List<string>> RunAllAsync(string prelude, IEnumerable<string> commands)
    {
        var outputs = new List<string>();
        foreach (var command in commands)
        {
            var run = await ForeignProcess.RunAsync("bash", ["-c", $"set -euo pipefail\n{prelude}\n{command}"]);
            Assert.True(run.ExitCode == 0, $"{command}\nexit {run.ExitCode}\n{run.Output}\n{run.Error}");
            outputs.Add(run.Output);
        }
        return outputs;
    }

    private async Task<string> SucceededAnalysisAsync()
    {
        var spec = Specs.IssueExample();
        var analysis = await Host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec }, cancellationToken: Timeouts.Token());
        using var stream = Host.Analyses.StreamProgress(new StreamProgressRequest { Name = analysis.Name }, cancellationToken: Timeouts.Token(120));
        await foreach (var _ in stream.ResponseStream.ReadAllAsync())
        {
        }
        return analysis.Name;
    }

    private async Task UploadAsync(string name)
    {
        using var upload = Host.Datasets.UploadDataset(cancellationToken: Timeouts.Token());
        await upload.RequestStream.WriteAsync(new UploadDatasetRequest { Header = new UploadHeader { Name = name, Schema = "cdc-cases-deaths-by-state", FileName = "sept.csv" } });
        await upload.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = Google.Protobuf.ByteString.CopyFrom(await File.ReadAllBytesAsync(CdcFiles.Get(CdcFiles.CasesDeaths2020))) });
        await upload.RequestStream.CompleteAsync();
        await upload.ResponseAsync;
    }
}
