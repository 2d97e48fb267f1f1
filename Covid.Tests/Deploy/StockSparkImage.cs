namespace Covid.Tests.Deploy;

/// <summary>
/// What the stock <c>apache/spark:3.5.3</c> image is, as its build files in apache/spark-docker say
/// (3.5.3/scala2.12-java11-ubuntu/Dockerfile and the entrypoint.sh of that release line, read for
/// deploy/README.md): the pods the launcher builds are checked against these facts, because the
/// image cannot be pulled and run here.
/// </summary>
public static class StockSparkImage
{
    public const string Reference = "apache/spark:3.5.3";

    /// <summary><c>USER spark</c>: a name, so a pod's runAsNonRoot can only be verified with a numeric runAsUser.</summary>
    public const string User = "spark";

    /// <summary><c>groupadd --gid=185 spark; useradd --uid=185 --gid=spark spark</c>.</summary>
    public const long SparkUid = 185;

    public const long SparkGid = 185;

    /// <summary>UIDs with a passwd entry: root and spark (a UID without one has no user name, and Hadoop's login fails).</summary>
    public static readonly IReadOnlySet<long> PasswdUids = new HashSet<long> { 0, SparkUid };

    /// <summary>
    /// <c>WORKDIR /opt/spark/work-dir</c>, <c>chmod g+w</c>, <c>chown -R spark:spark</c>: where spark-sql
    /// keeps its scratch metastore (metastore_db/, derby.log), writable by UID 185 or group 185.
    /// </summary>
    public const string WorkDir = "/opt/spark/work-dir";

    /// <summary>
    /// The entrypoint's first-argument modes that call attempt_setup_fake_passwd_entry (an
    /// nss_wrapper passwd entry for a UID the image does not know; libnss-wrapper is installed).
    /// Any other first argument is "pass-through mode": exec "$@", no passwd entry.
    /// </summary>
    public static readonly IReadOnlySet<string> FakePasswdModes = new HashSet<string> { "driver", "executor" };

    /// <summary>The env var the driver mode passes as spark.driver.bindAddress.</summary>
    public const string DriverBindAddressEnv = "SPARK_DRIVER_BIND_ADDRESS";

    /// <summary>Whether a process started as <paramref name="uid"/> with <paramref name="firstArg"/> has a user name.</summary>
    public static bool HasUserName(long uid, string? firstArg) => PasswdUids.Contains(uid) || (firstArg is not null && FakePasswdModes.Contains(firstArg));

    /// <summary>Whether a process with these ids can write the work dir.</summary>
    public static bool CanWriteWorkDir(long uid, long? gid, IEnumerable<long?> supplementalGroups) =>
        uid == SparkUid || gid == SparkGid || supplementalGroups.Contains(SparkGid);
}
