using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Covid.Server.Spark;

/// <summary>
/// Task counts from a running driver's monitoring REST API (<c>/api/v1/applications/{id}/jobs</c>
/// and <c>/stages</c>). Progress only: an unreachable UI never fails an analysis.
/// </summary>
public sealed class SparkMonitor(HttpClient http, ILogger<SparkMonitor> logger)
{
    public sealed record Counts(int TasksCompleted, int TasksTotal, int ActiveStages, int JobsRunning);

    public async Task<Counts?> PollAsync(string baseUrl, string appId, CancellationToken cancellationToken)
    {
        try
        {
            var root = baseUrl.TrimEnd('/') + "/api/v1/applications";
            var apps = await http.GetFromJsonAsync<List<App>>(root, cancellationToken) ?? [];
            // In client mode the application id is spark.app.id; fall back to the only application the driver runs.
            var id = apps.FirstOrDefault(a => a.Id == appId)?.Id ?? apps.FirstOrDefault()?.Id;
            if (id is null)
            {
                return null;
            }
            var jobs = await http.GetFromJsonAsync<List<Job>>($"{root}/{Uri.EscapeDataString(id)}/jobs", cancellationToken) ?? [];
            var stages = await http.GetFromJsonAsync<List<Stage>>($"{root}/{Uri.EscapeDataString(id)}/stages", cancellationToken) ?? [];
            // Skipped tasks (stages reused from an earlier job) count as done, as the Spark UI counts them.
            return new Counts(
                jobs.Sum(j => j.NumCompletedTasks + j.NumSkippedTasks),
                jobs.Sum(j => j.NumTasks),
                stages.Count(s => s.Status == "ACTIVE"),
                jobs.Count(j => j.Status == "RUNNING"));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException
            && !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug("Spark monitoring API at {Url} not answering: {Message}", baseUrl, ex.Message);
            return null;
        }
    }

    private sealed record App([property: JsonPropertyName("id")] string Id);

    private sealed record Job(
        [property: JsonPropertyName("status")] string? Status,
        [property: JsonPropertyName("numTasks")] int NumTasks,
        [property: JsonPropertyName("numCompletedTasks")] int NumCompletedTasks,
        [property: JsonPropertyName("numSkippedTasks")] int NumSkippedTasks);

    private sealed record Stage([property: JsonPropertyName("status")] string? Status);
}
