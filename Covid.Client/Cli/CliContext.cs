using System.CommandLine;
using Grpc.Core;

namespace Covid.Cli;

/// <summary>
/// What every verb shares: the console, how to make a client, the global --server option, and
/// the one place failures become messages on stderr and exit codes.
/// </summary>
internal sealed class CliContext(CliConsole console, Func<string, string?, CovidClient> clientFactory)
{
    /// <summary>Used when neither --server nor COVID_SERVER is given.</summary>
    public const string DefaultServer = "http://127.0.0.1:5000";

    public CliConsole Console => console;

    /// <summary>--server, on every verb.</summary>
    public Option<string> Server { get; } = new("--server")
    {
        Description = $"The server's address (default: env COVID_SERVER, then {DefaultServer}).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COVID_SERVER") is { Length: > 0 } fromEnv ? fromEnv : DefaultServer,
    };

    /// <summary>--api-key, on every verb; never echoed.</summary>
    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "The API key to send as 'authorization: Bearer KEY' (default: env COVID_API_KEY; none when neither is set).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COVID_API_KEY") is { Length: > 0 } fromEnv ? fromEnv : null,
    };

    /// <summary>Runs a verb's work with a client for --server and turns any failure into a message and an exit code.</summary>
    public async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken, Func<CovidClient, Task<ExitCode>> work)
    {
        var server = parse.GetValue(Server) ?? DefaultServer;
        var apiKey = parse.GetValue(ApiKey);
        try
        {
            if (parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--output") is Option<OutputFormat> output)
            {
                Formatting.TableOutput.CheckDestination(parse.GetValue(output), console);
            }
            await using var client = clientFactory(server, apiKey);
            return (int)await work(client);
        }
        catch (CovidException e)
        {
            ErrorReporter.Report(console.Error, e, server, apiKey is not null);
            return (int)ExitCodes.From(e.StatusCode);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine("covid: interrupted");
            return (int)ExitCode.Interrupted;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            console.Error.WriteLine($"covid: {e.Message}");
            return (int)ExitCode.NotFound;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"covid: {e.Message}");
            return (int)ExitCode.FileError;
        }
    }

    /// <summary>A failure of the CLI's own checks, reported like a server's InvalidArgument.</summary>
    public static CovidException Invalid(string message) => new(StatusCode.InvalidArgument, message);
}
