extern alias cli;
using cli::Covid.Cli;
using Covid.Tests.Support;
using Covid.Tests.Support.Cli;

namespace Covid.Tests.EndToEnd;

/// <summary>covid datasets delete / share / unshare with API keys, as a user and as an admin would type them.</summary>
public sealed class CliDatasetAdminTests
{
    [Fact]
    public async Task ShareUnshareDelete_AsUserAndAdmin_DoWhatTheRolesAllow()
    {
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = TestCredentials.ApiKeys(("alice", "user"), ("bob", "user"), ("root", "admin")) });
        var server = host.App.Urls.Single();
        Task<(ExitCode Code, string Output, string Error)> As(string principal, params string[] args) =>
            CliRun.InvokeAsync([.. args, "--server", server, "--api-key", TestCredentials.KeyOf(principal)]);
        var upload = await As("alice", "datasets", "upload", CdcFiles.Get(CdcFiles.CasesDeaths2020), "--name", "alice-cases", "--schema", "cdc-cases-deaths-by-state");

        var userShares = await As("alice", "datasets", "share", "alice-cases");
        var adminShares = await As("root", "datasets", "share", "alice-cases");
        var bobLists = await As("bob", "datasets", "list", "--output", "csv");
        var userDeletesShared = await As("alice", "datasets", "delete", "alice-cases");
        var adminUnshares = await As("root", "datasets", "unshare", "alice-cases");
        var ownerDeletes = await As("alice", "datasets", "delete", "alice-cases");
        var deletedAgain = await As("alice", "datasets", "delete", "alice-cases");

        Assert.True(upload.Code == ExitCode.Success, upload.Error);
        Assert.Equal(ExitCode.PermissionDenied, userShares.Code);
        Assert.Contains("only an admin may share a dataset", userShares.Error, StringComparison.Ordinal);
        Assert.True(adminShares.Code == ExitCode.Success, adminShares.Error);
        Assert.Equal("alice-cases: shared with every user (owner alice)", adminShares.Output.Trim());
        Assert.Contains(bobLists.Output.Split('\n'), l => l.StartsWith("alice-cases,", StringComparison.Ordinal) && l.Contains(",alice,true,", StringComparison.Ordinal));
        Assert.Contains(bobLists.Output.Split('\n'), l => l.StartsWith("cdc-cases-deaths-by-state,", StringComparison.Ordinal) && l.Contains(",(built in),true,", StringComparison.Ordinal));
        Assert.Equal(ExitCode.PermissionDenied, userDeletesShared.Code);
        Assert.True(adminUnshares.Code == ExitCode.Success, adminUnshares.Error);
        Assert.Contains("readable by its owner alice (and admins) only", adminUnshares.Output, StringComparison.Ordinal);
        Assert.True(ownerDeletes.Code == ExitCode.Success, ownerDeletes.Error);
        Assert.Equal("alice-cases deleted", ownerDeletes.Output.Trim());
        Assert.Equal(ExitCode.NotFound, deletedAgain.Code);
    }
}
