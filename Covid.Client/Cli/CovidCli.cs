using System.CommandLine;
using System.CommandLine.Invocation;
using Covid.Cli.Commands;

namespace Covid.Cli;

/// <summary>The covid command line: builds the verbs and runs one, writing only to the given console.</summary>
internal static class CovidCli
{
    /// <summary>
    /// Runs the CLI with <paramref name="args"/> and returns its exit code. Tests call this
    /// in-process with captured writers; <paramref name="clientFactory"/> turns --server into a client.
    /// </summary>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, CliConsole console, Func<string, CovidClient>? clientFactory = null, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(console, clientFactory is null
            ? (address, apiKey) => new CovidClient(address, new CovidClientOptions { ApiKey = apiKey })
            : (address, _) => clientFactory(address));
        var parse = BuildRoot(context).Parse(args);

        // Usage errors get their own exit code (System.CommandLine would return 1, which here means "the analysis failed").
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine($"covid: {error.Message}");
            }

            console.Error.WriteLine("Run 'covid --help' for usage.");
            return (int)ExitCode.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            ProcessTerminationTimeout = console.OwnsProcess ? TimeSpan.FromSeconds(2) : null,
        };
        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    private static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("covid — run COVID-19 analyses on a covid-analysis server.");
        root.Add(context.Server);
        root.Add(context.ApiKey);
        root.Add(new RunCommand(context));
        root.Add(new SubmitCommand(context));
        root.Add(new StatusCommand(context));
        root.Add(new ListCommand(context));
        root.Add(new WatchCommand(context));
        root.Add(new ResultCommand(context));
        root.Add(new PlotCommand(context));
        root.Add(new CancelCommand(context));
        root.Add(new ExplainCommand(context));
        root.Add(new DatasetsCommand(context));
        root.Add(new AdminCommand(context));
        root.Add(new VersionCommand(context));
        root.Add(new CompletionCommand(context));
        return root;
    }
}
