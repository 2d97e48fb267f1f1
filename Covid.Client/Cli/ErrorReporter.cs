using Grpc.Core;

namespace Covid.Cli;

/// <summary>Writes a <see cref="CovidException"/> for people: the message, each field violation, and a hint where one helps.</summary>
internal static class ErrorReporter
{
    public static void Report(TextWriter error, CovidException e, string server, bool sentApiKey = false)
    {
        if (e.StatusCode == StatusCode.Unauthenticated)
        {
            error.WriteLine($"covid: the server at {server} did not accept the call: {e.Message}");
            error.WriteLine(sentApiKey
                ? "  The API key given (--api-key or COVID_API_KEY) was refused; ask the server's operator for a valid one."
                : "  No API key was sent: pass --api-key KEY or set COVID_API_KEY.");
            return;
        }

        if (e.StatusCode == StatusCode.Unavailable)
        {
            error.WriteLine($"covid: cannot reach the server at {server}: {e.Message}");
            error.WriteLine("  Start it (dotnet run --project Covid.Server -- --urls http://127.0.0.1:5000) or point --server / COVID_SERVER at it.");
            return;
        }

        // Servers often repeat the violations in the message; then the list alone reads better.
        var repeated = e.FieldViolations.Count > 0 && e.FieldViolations.All(v => e.Message.Contains(v.Description, StringComparison.Ordinal));
        error.WriteLine(repeated
            ? $"covid: the request was rejected ({e.StatusCode}), {e.FieldViolations.Count} problem(s):"
            : $"covid: {e.Message} ({e.StatusCode})");
        foreach (var violation in e.FieldViolations)
        {
            error.WriteLine($"  {violation.Field}: {violation.Description}");
        }
    }
}
