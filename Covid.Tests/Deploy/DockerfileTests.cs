using Covid.Tests.Support;
using Covid.Tests.Support.Deploy;
using k8s.Models;

namespace Covid.Tests.Deploy;

/// <summary>deploy/server.Dockerfile, read as text (Spark runs on the stock image: SparkImageTests).</summary>
public sealed class DockerfileTests
{
    [Theory]
    [InlineData("server.Dockerfile")]
    public async Task From_EveryStage_PinsAVersionTag(string file)
    {
        var froms = Dockerfiles.Instructions(await Dockerfiles.ReadAsync(file), "FROM").Select(Dockerfiles.ImageOf).ToList();

        Assert.NotEmpty(froms);
        Assert.All(froms, image =>
        {
            var tag = image.Contains(':') ? image[(image.LastIndexOf(':') + 1)..] : "";
            Assert.Matches(@"^[0-9]+\.[0-9]+(\.[0-9]+)?$", tag);
        });
    }

    [Fact]
    public async Task ServerDockerfile_Stages_SdkBuildThenAspNetRuntime()
    {
        var text = await Dockerfiles.ReadAsync("server.Dockerfile");
        var froms = Dockerfiles.Instructions(text, "FROM");

        Assert.Equal(2, froms.Count);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", Dockerfiles.ImageOf(froms[0]));
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", Dockerfiles.FinalFrom(text));
        Assert.Contains(Dockerfiles.Instructions(text, "RUN"), r => r.Contains("dotnet publish Covid.Server/Covid.Server.csproj -c Release", StringComparison.Ordinal));
        Assert.Contains(Dockerfiles.FinalStage(text), i => i.Instruction == "RUN" && i.Arguments.Contains("fonts-dejavu-core", StringComparison.Ordinal));
        Assert.Equal(["5000 8080"], Dockerfiles.Instructions(text, "EXPOSE"));
        Assert.Contains(Dockerfiles.FinalStage(text), i => i.Instruction == "ENTRYPOINT" && i.Arguments.Contains("Covid.Server.dll", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerDockerfile_BuildStage_CopiesEveryRootBuildFile()
    {
        // MSBuild imports these from the root on its own; one left out builds differently, or not at all, in the image.
        var repository = CdcFiles.RepoRoot;
        var buildFiles = Directory.EnumerateFiles(repository, "Directory.*.*").Append(Path.Combine(repository, "global.json"))
            .Select(Path.GetFileName).OfType<string>().Where(f => f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal) || f == "global.json")
            .ToList();
        var copied = Dockerfiles.Instructions(await Dockerfiles.ReadAsync("server.Dockerfile"), "COPY")
            .SelectMany(args => args.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("Directory.Build.targets", buildFiles);
        Assert.All(buildFiles, file => Assert.Contains(file, copied));
    }

    [Fact]
    public async Task ServerDockerfile_User_NonRootAndTheDeploymentsRunAsUser()
    {
        var user = LastUser(await Dockerfiles.ReadAsync("server.Dockerfile"));
        var pod = ServerDeployment.PodSpec(await DeployBundle.GetAsync()).SecurityContext;

        Assert.Equal("1654", user); // the aspnet image's "app" user, numeric
        Assert.Equal(long.Parse(user), pod.RunAsUser);
    }

    [Theory]
    [InlineData("server.Dockerfile")]
    public async Task Copy_EverySourceFromTheContext_ExistsInTheRepository(string file)
    {
        // The build context is the repository root; a renamed directory must fail here, not in docker build.
        var copies = Dockerfiles.Instructions(await Dockerfiles.ReadAsync(file), "COPY")
            .Where(args => !args.Contains("--from=", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var parts = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
            foreach (var source in parts[..^1])
            {
                var path = Path.Combine(Support.CdcFiles.RepoRoot, source);
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{file}: COPY source '{source}' does not exist");
            }
        }
    }

    [Fact]
    public void DockerIgnore_None_ExclusionsLiveInTheDockerfiles()
    {
        Assert.False(File.Exists(Path.Combine(Support.CdcFiles.RepoRoot, ".dockerignore")));
        Assert.False(File.Exists(DeployBundle.PathOf(".dockerignore")));
    }

    [Fact]
    public void Parse_ContinuationsAndComments_JoinedAndDropped()
    {
        var parsed = Dockerfiles.Parse("# c\nFROM --platform=linux/amd64 a:1.2 AS b\nRUN x \\\n# inner\n  && y\nUSER 7\n");

        Assert.Equal(["FROM", "RUN", "USER"], parsed.Select(p => p.Instruction));
        Assert.Equal("a:1.2", Dockerfiles.ImageOf(parsed[0].Arguments));
        Assert.Equal("x    && y", parsed[1].Arguments);
        Assert.Equal("7", LastUser("FROM a:1\nUSER root\nFROM b:2\nUSER 7\n"));
    }

    public static string LastUser(string text)
    {
        var users = Dockerfiles.FinalStage(text).Where(i => i.Instruction == "USER").Select(i => i.Arguments).ToList();
        Assert.NotEmpty(users);
        var user = users[^1].Split(':')[0];
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        return user;
    }
}
