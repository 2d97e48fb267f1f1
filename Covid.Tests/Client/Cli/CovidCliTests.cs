extern alias cli;
using cli::Covid.Cli;
using Covid.Tests.Support;
using Covid.Tests.Support.Cli;

namespace Covid.Tests.Client.Cli;

/// <summary>The CLI's own checks, which must fail with the right exit code before any server is contacted.</summary>
public sealed class CovidCliTests : IDisposable
{
    // Nothing listens on port 1: a verb that wrongly called the server would exit Unavailable (5).
    private const string NoServer = "http://127.0.0.1:1";
    private readonly TempDirectory directory = new("covid-cli-");

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task InvokeAsync_NoVerb_Usage()
    {
        var (code, _, error) = await CliRun.InvokeAsync();

        Assert.Equal(ExitCode.Usage, code);
        Assert.Contains("covid --help", error);
    }

    [Fact]
    public async Task InvokeAsync_UnknownOutputFormat_Usage()
    {
        var (code, _, error) = await CliRun.InvokeAsync("list", "--output", "yaml", "--server", NoServer);

        Assert.Equal(ExitCode.Usage, code);
        Assert.Contains("--output must be table, csv, json or parquet", error);
    }

    [Fact]
    public async Task InvokeAsync_MissingSpecFile_NotFound()
    {
        var (code, output, error) = await CliRun.InvokeAsync("run", directory.File("missing.json"), "--server", NoServer);

        Assert.Equal(ExitCode.NotFound, code);
        Assert.Contains("missing.json", error);
        Assert.Empty(output);
    }

    [Fact]
    public async Task InvokeAsync_SpecWithUnknownField_InvalidArgumentNamingFileAndField()
    {
        var spec = Write("bad.json", "{\"dataset\": \"cdc-cases-deaths-by-state\", \"groupby\": [\"state\"]}");

        var (code, output, error) = await CliRun.InvokeAsync("run", spec, "--server", NoServer);

        Assert.Equal(ExitCode.InvalidArgument, code);
        Assert.Contains("bad.json", error);
        Assert.Contains("groupby", error);
        Assert.Empty(output);
    }

    [Fact]
    public async Task InvokeAsync_PlotWithoutPlotSection_InvalidArgument()
    {
        var spec = Write("noplot.json", "{\"dataset\": \"cdc-cases-deaths-by-state\", \"metrics\": [{\"name\": \"n\", \"aggregation\": \"COUNT\"}]}");

        var (code, _, error) = await CliRun.InvokeAsync("run", spec, "--plot", directory.File("out.png"), "--server", NoServer);

        Assert.Equal(ExitCode.InvalidArgument, code);
        Assert.Contains("no \"plot\" section", error);
    }

    [Fact]
    public async Task InvokeAsync_PlotIntoMissingDirectory_NotFoundBeforeSubmitting()
    {
        var spec = Write("plot.json", "{\"dataset\": \"d\", \"metrics\": [{\"name\": \"n\", \"aggregation\": \"COUNT\"}], \"plot\": {\"kind\": \"BAR\", \"x\": \"n\", \"y\": [\"n\"]}}");

        var (code, _, error) = await CliRun.InvokeAsync("run", spec, "--plot", Path.Combine(directory.Path, "nope", "out.png"), "--server", NoServer);

        Assert.Equal(ExitCode.NotFound, code);
        Assert.Contains("nope", error);
    }

    [Fact]
    public async Task InvokeAsync_ServerDown_UnavailableWithHint()
    {
        var (code, _, error) = await CliRun.InvokeAsync("datasets", "list", "--server", NoServer);

        Assert.Equal(ExitCode.Unavailable, code);
        Assert.Contains("cannot reach the server at " + NoServer, error);
    }

    [Fact]
    public async Task InvokeAsync_UploadWithoutSchema_Usage()
    {
        var csv = Write("data.csv", "submission_date,state\n");

        var (code, _, error) = await CliRun.InvokeAsync("datasets", "upload", csv, "--name", "mine", "--server", NoServer);

        Assert.Equal(ExitCode.Usage, code);
        Assert.Contains("--schema", error);
    }

    private string Write(string name, string content)
    {
        var path = directory.File(name);
        File.WriteAllText(path, content);
        return path;
    }
}
