using System.Globalization;
using Covid.Tests.FakeKubernetes;
using Covid.Tests.Support.Spark;
using Covid.V1;
using Google.Protobuf;
using k8s;
using k8s.Models;

namespace Covid.Bench.Figures;

/// <summary>
/// What launching a Spark analysis costs before Spark itself starts: the real server with
/// Kubernetes enabled against the stateful fake API server (its kubelet and a driver that runs
/// the DuckDB twin), one analysis at a time so every API call belongs to one analysis. Reported:
/// submit → driver pod created, against the same pod created by a bare KubernetesClient call to the
/// same fake (the floor of one API round trip), and the API calls per analysis by kind.
/// </summary>
internal static class SparkLaunch
{
    public const string Usage = "spark-launch SPEC.json [--analyses 20]";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, positional: 1);
        var spec = JsonParser.Default.Parse<AnalysisSpec>(File.ReadAllText(options.Positional[0]));
        var analyses = options.Int("--analyses", 20);
        await using var cluster = await SparkCluster.StartAsync(new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" });
        using var bare = new Kubernetes(new KubernetesClientConfiguration { Host = cluster.Fake.Url });

        var (launch, floor, run) = (new Timing("submit → driver pod"), new Timing("bare create"), new Timing("run"));
        var calls = new List<Dictionary<string, int>>();
        for (var i = -2; i < analyses; i++)
        {
            cluster.Fake.Journal.Clear();
            var submittedAt = DateTimeOffset.UtcNow;
            var submitted = await cluster.SubmitAsync(spec.Clone(), CancellationToken.None);
            var done = await cluster.WaitFinishedAsync(submitted.Name, new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
            if (done.State != Analysis.Types.State.Succeeded)
            {
                Console.Error.WriteLine($"spark-launch: {done.Name} ended {done.State}: {done.FailureReason}");
                return 1;
            }
            var external = cluster.Fake.Journal.External;
            var driver = $"covid-{SparkCluster.Id(done)}-driver";
            var created = external.First(e => e.Verb == "create" && e.Resource == "pods" && e.Name == driver);
            var baseline = await BareCreateAsync(bare, cluster, driver);
            if (i < 0)
            {
                continue;   // warm-up: JIT, connections
            }
            launch.Add((created.At - submittedAt).TotalMilliseconds);
            floor.Add(baseline);
            run.Add(((done.EndTime?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow) - submittedAt).TotalMilliseconds);
            calls.Add(external.GroupBy(Kind).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
        }

        Console.WriteLine($"| {analyses} Spark analyses, one at a time, fake API server | median ms |");
        Console.WriteLine("|---|---:|");
        Row("submit → driver pod created (ours)", launch.Median);
        Row("the same pod created by one bare KubernetesClient call (baseline)", floor.Median);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ratio | {launch.Median / floor.Median:F1}x |"));
        Row("submit → SUCCEEDED (fake kubelet steps 50 ms, DuckDB twin driver)", run.Median);
        Console.WriteLine();
        Console.WriteLine("| API calls per analysis (the server's, not the driver's) | median |");
        Console.WriteLine("|---|---:|");
        foreach (var kind in calls.SelectMany(c => c.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            Console.WriteLine($"| {kind} | {Median(calls.Select(c => c.GetValueOrDefault(kind)))} |");
        }
        Console.WriteLine($"| total | {Median(calls.Select(c => c.Values.Sum()))} |");
        Console.WriteLine();
        Console.WriteLine("For scale: spark-submit in cluster mode is reported at 2–8 s per launch (a JVM starting before the driver pod is created).");
        return 0;
    }

    private static async Task<double> BareCreateAsync(Kubernetes client, SparkCluster cluster, string driver)
    {
        var pod = cluster.Pods().Single(p => p.Metadata.Name == driver);
        var copy = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = driver + "-bare", NamespaceProperty = SparkCluster.Namespace },
            Spec = pod.Spec,
        };
        // Not scheduled: the fake's kubelet only runs pods of the server's labels.
        copy.Spec.NodeName = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await client.CoreV1.CreateNamespacedPodAsync(copy, SparkCluster.Namespace);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        await client.CoreV1.DeleteNamespacedPodAsync(copy.Metadata.Name, SparkCluster.Namespace, gracePeriodSeconds: 0);
        return elapsed;
    }

    private static string Kind(RecordedRequest call) => call.Resource.Length == 0
        ? "Spark monitoring REST polls"
        : $"{call.Verb} {call.Resource}";

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    private static void Row(string what, double ms) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {ms:F1} |"));
}
