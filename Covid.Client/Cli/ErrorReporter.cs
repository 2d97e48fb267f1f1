using Grpc.Core;

namespace Covid.Client.Cli;

/// <summary>Writes a <see cref="CovidException"/> for people: the message, each field violation, and a hint where one helps.</summary>
internal static class ErrorReporter
{
    public static void Report(TextWriter error, CovidException e, string server)
    {
        if (e.StatusCode == StatusCode.Unavailable)
        {
            error.WriteLine($"covid: cannot reach the server at {server}: {e.Message}");
            error.WriteLine("  Start it (dotnet run --project Covid.Server -- --urls http://127.0.0.1:5000) or point --server / COVID_SERVER at it.");
            return;
        }

        error.WriteLine($"covid: {e.Message} ({e.StatusCode})");
        foreach (var violation in e.FieldViolations)
        {
            error.WriteLine($"  {violation.Field}: {violation.Description}");
        }
    }
}
