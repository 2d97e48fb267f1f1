namespace Covid.Server.Kubernetes;

/// <summary>Where and how Spark drivers are launched (config section <c>Kubernetes</c>).</summary>
public sealed class KubernetesOptions
{
    public const string Section = "Kubernetes";

    /// <summary>The namespace file every pod gets with its service account token.</summary>
    public const string InClusterNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>Off by default: without it SPARK is FAILED_PRECONDITION.</summary>
    public bool Enabled { get; set; }

    /// <summary>Null: the server's own namespace when in a pod, else "covid-analysis".</summary>
    public string? Namespace { get; set; }

    /// <summary>Driver pods' serviceAccountName.</summary>
    public string ServiceAccount { get; set; } = "covid-spark";

    /// <summary>Null: <see cref="ServiceAccount"/>.</summary>
    public string? ExecutorServiceAccount { get; set; }

    public string PersistentVolumeClaim { get; set; } = "covid-data";

    /// <summary>Where the PVC is mounted in every pod, the server's included; <c>Data:Directory</c> lives under it.</summary>
    public string MountPath { get; set; } = "/data";

    public string SparkImage { get; set; } = "apache/spark:3.5.3";

    public string ImagePullPolicy { get; set; } = "IfNotPresent";

    /// <summary>A pod template YAML file the driver pod is merged over.</summary>
    public string? DriverPodTemplate { get; set; }

    /// <summary>A pod template YAML file shipped to the driver for its executors.</summary>
    public string? ExecutorPodTemplate { get; set; }

    /// <summary>How long a finished driver pod (and its logs) is kept.</summary>
    public TimeSpan FinishedDriverTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A kubeconfig file; null: in-cluster config in a pod, else the default kubeconfig.</summary>
    public string? KubeConfig { get; set; }

    /// <summary>A driver whose image cannot be pulled for this long fails the analysis.</summary>
    public TimeSpan ImagePullTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A driver that stays unscheduled or unstarted this long (no node fits it, a volume cannot be
    /// mounted), or a running driver none of whose executors runs for this long, fails the analysis.
    /// </summary>
    public TimeSpan ScheduleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts of one API call on 5xx, 429 and timeouts before giving up.</summary>
    public int ApiAttempts { get; set; } = 5;

    /// <summary>Timeout of one API call (not of watches), after which it is retried.</summary>
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First retry delay; doubled on every further attempt.</summary>
    public TimeSpan ApiRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often finished drivers past their TTL are looked for.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// After this long without a pod change the driver's pods are listed again, as informers
    /// resync: a watch can stall without an error, and the follow must not wait on it forever.
    /// </summary>
    public TimeSpan WatchResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    public string ResolvedNamespace =>
        !string.IsNullOrWhiteSpace(Namespace) ? Namespace
        : File.Exists(InClusterNamespaceFile) ? File.ReadAllText(InClusterNamespaceFile).Trim()
        : "covid-analysis";

    public string ResolvedExecutorServiceAccount =>
        string.IsNullOrWhiteSpace(ExecutorServiceAccount) ? ServiceAccount : ExecutorServiceAccount;
}
