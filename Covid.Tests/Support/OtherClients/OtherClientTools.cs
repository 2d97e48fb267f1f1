using System.Diagnostics;

namespace Covid.Tests.Support.OtherClients;

/// <summary>
/// Where the clients that are not ours live: the npm package Covid.Tests/OtherClients (buf,
/// @grpc/grpc-js, @grpc/proto-loader; `npm ci` there, which .ci/run does), Debian's python3-grpcio
/// and python3-grpc-tools run by /usr/bin/python3, curl, jq, and tmux (the terminal the CLI is run in).
/// </summary>
internal static class OtherClientTools
{
    public const string Python = "/usr/bin/python3";

    public static string Directory => Path.Combine(CdcFiles.RepoRoot, "Covid.Tests", "OtherClients");

    public static string Buf => Path.Combine(Directory, "node_modules", ".bin", "buf");

    public static string Protos => Path.Combine(CdcFiles.RepoRoot, "protos");

    public static string Script(string name) => Path.Combine(Directory, name);

    /// <summary>Generates the Python stubs of protos/ (covid.v1 and the google.api protos it imports) into <paramref name="directory"/>.</summary>
    public static async Task GeneratePythonStubsAsync(string directory)
    {
        var files = System.IO.Directory.GetFiles(Path.Combine(Protos, "covid", "v1"), "*.proto")
            .Concat(System.IO.Directory.GetFiles(Path.Combine(Protos, "google", "api"), "*.proto"));
        (await ForeignProcess.RunAsync(Python,
            ["-m", "grpc_tools.protoc", "-I", Protos, $"--python_out={directory}", $"--grpc_python_out={directory}", .. files])).Succeeded();
    }

    /// <summary>Null when every client can run; otherwise what is missing and how to get it.</summary>
    public static string? Unavailable()
    {
        var missing = new List<string>();
        if (!File.Exists(Buf) || !System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "@grpc", "grpc-js")))
        {
            missing.Add($"the npm clients (run `npm ci` in {Directory})");
        }
        if (!Runs(Python, "-c", "import grpc, grpc_tools"))
        {
            missing.Add("python3-grpcio and python3-grpc-tools (apt-get install python3-grpcio python3-grpc-tools)");
        }
        if (!Runs("curl", "--version") || !Runs("node", "--version") || !Runs("tmux", "-V") || !Runs("jq", "--version"))
        {
            missing.Add("curl, node, tmux and jq");
        }
        return missing.Count == 0 ? null : "missing: " + string.Join("; ", missing);
    }

    private static bool Runs(string program, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start);
            if (process is null || !process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
