namespace Covid.Tests.Support;

/// <summary>
/// Locates the real CDC exports in ../shared/data/cdc/ beside the repository, without copying them in:
/// walks up from the test binaries to the directory holding Covid.sln.
/// </summary>
public static class CdcFiles
{
    public const string CasesDeaths2021 = "cdc_9mfq-cb36_cases_deaths_by_state_2021-05-30.csv";
    public const string CasesDeaths2020 = "cdc_9mfq-cb36_cases_deaths_by_state_2020-09-23.csv";

    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);

    /// <summary>The directory containing Covid.sln.</summary>
    public static string RepoRoot => RepoRootLazy.Value;

    /// <summary>The shared CDC data directory.</summary>
    public static string Directory => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "cdc"));

    /// <summary>The full path of a CDC file; fails the test clearly when it is missing.</summary>
    public static string Get(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"CDC test file '{fileName}' not found at '{path}' (expected ../shared/data/cdc/ beside the repository root '{RepoRoot}').",
                path);
        }
        return path;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Covid.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException(
            $"No directory containing Covid.sln above '{AppContext.BaseDirectory}'.");
    }
}
