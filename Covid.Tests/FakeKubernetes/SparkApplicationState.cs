using System.Text.Json;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// One running Spark application as its driver's monitoring REST API shows it. A driver behaviour
/// changes jobs and stages inside <see cref="Update"/>; readers always see a consistent snapshot.
/// </summary>
public sealed class SparkApplicationState
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    private readonly object _gate = new();
    private readonly DateTime _started = DateTime.UtcNow;
    private DateTime? _ended;

    internal SparkApplicationState(string id, string name)
    {
        Id = id;
        Name = name;
    }

    /// <summary>spark.app.id.</summary>
    public string Id { get; }

    /// <summary>spark.app.name.</summary>
    public string Name { get; }

    /// <summary>Jobs (mutate only inside <see cref="Update"/>).</summary>
    public List<SparkJobData> Jobs { get; } = [];

    /// <summary>Stages (mutate only inside <see cref="Update"/>).</summary>
    public List<SparkStageData> Stages { get; } = [];

    /// <summary>Changes jobs/stages atomically with respect to REST readers.</summary>
    public void Update(Action<SparkApplicationState> change)
    {
        lock (_gate)
        {
            change(this);
        }
    }

    /// <summary>Spark's time format in the REST API.</summary>
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'GMT'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True once the driver's program ended (its UI is gone).</summary>
    public bool IsFinished
    {
        get
        {
            lock (_gate)
            {
                return _ended is not null;
            }
        }
    }

    internal void Finish()
    {
        lock (_gate)
        {
            _ended ??= DateTime.UtcNow;
        }
    }

    internal string ApplicationJson()
    {
        lock (_gate)
        {
            var attempt = new Dictionary<string, object?>
            {
                ["startTime"] = Time(_started),
                ["endTime"] = _ended is { } e ? Time(e) : null,
                ["sparkUser"] = "spark",
                ["completed"] = _ended is not null,
            };
            return JsonSerializer.Serialize(new { id = Id, name = Name, attempts = new[] { attempt } }, Json);
        }
    }

    internal string JobsJson(string? status)
    {
        lock (_gate)
        {
            // Spark lists the newest job first.
            return JsonSerializer.Serialize(Jobs.Where(j => Is(j.Status, status)).OrderByDescending(j => j.JobId), Json);
        }
    }

    internal string StagesJson(string? status)
    {
        lock (_gate)
        {
            return JsonSerializer.Serialize(Stages.Where(s => Is(s.Status, status)).OrderByDescending(s => s.StageId), Json);
        }
    }

    private static bool Is(string actual, string? wanted) =>
        string.IsNullOrEmpty(wanted) || wanted.Split(',').Any(w => string.Equals(w, actual, StringComparison.OrdinalIgnoreCase));
}
