using Grpc.Core;

namespace Covid.Cli;

/// <summary>
/// Writes a <see cref="CovidException"/> for people, one line per problem: the field that was wrong
/// (or the failure), what is wrong with it, and a hint of what to do next.
/// </summary>
internal static class ErrorReporter
{
    public static void Report(TextWriter error, CovidException e, string server, bool sentApiKey = false)
    {
        if (e.FieldViolations.Count > 0)
        {
            // The message often repeats the violations; each violation line says it once, with its hint.
            var source = e.Data[SpecFile.PathKey] is string path ? path + ": " : "";
            foreach (var violation in e.FieldViolations)
            {
                var field = violation.Field.Length == 0 ? "" : violation.Field + ": ";
                error.WriteLine($"covid: {source}{field}{violation.Description}{Hint(violation.Field)}");
            }
            return;
        }
        error.WriteLine($"covid: {Message(e, server, sentApiKey)}{Hint(e, sentApiKey)}");
    }

    private static string Message(CovidException e, string server, bool sentApiKey) => e.StatusCode switch
    {
        StatusCode.Unauthenticated => $"the server at {server} did not accept the call: {e.Message}",
        StatusCode.Unavailable => $"cannot reach the server at {server}: {e.Message}",
        _ => e.Message,
    };

    /// <summary>What to do about a failure, "" when nothing useful can be said.</summary>
    private static string Hint(CovidException e, bool sentApiKey) => e.StatusCode switch
    {
        StatusCode.Unauthenticated when sentApiKey => " (hint: the API key given by --api-key or COVID_API_KEY was refused; ask the server's operator for a valid one)",
        StatusCode.Unauthenticated => " (hint: no API key was sent: pass --api-key KEY or set COVID_API_KEY)",
        StatusCode.Unavailable => " (hint: start it with dotnet run --project Covid.Server -- --urls http://127.0.0.1:5000, or point --server / COVID_SERVER at it)",
        StatusCode.NotFound when e.Message.Contains("analys", StringComparison.OrdinalIgnoreCase) => " (hint: covid list shows your analyses)",
        StatusCode.NotFound when e.Message.Contains("dataset", StringComparison.OrdinalIgnoreCase) => " (hint: covid datasets list shows the datasets you may read)",
        StatusCode.FailedPrecondition when e.Message.Contains("SUCCEEDED", StringComparison.Ordinal) => " (hint: covid watch NAME follows it to its end)",
        StatusCode.ResourceExhausted => " (hint: wait for running analyses to end, or try again later)",
        StatusCode.PermissionDenied => " (hint: this needs an admin's key)",
        _ => "",
    };

    /// <summary>Where to look for the right value of a spec field.</summary>
    private static string Hint(string field)
    {
        if (field == "spec.dataset")
        {
            return " (hint: covid datasets list)";
        }
        if (field.EndsWith(".field", StringComparison.Ordinal) || field.StartsWith("spec.groupBy", StringComparison.Ordinal))
        {
            return " (hint: covid datasets describe DATASET lists the fields)";
        }
        if (field.StartsWith("spec.", StringComparison.Ordinal))
        {
            return " (hint: the README's spec reference lists every field with an example)";
        }
        return "";
    }
}
