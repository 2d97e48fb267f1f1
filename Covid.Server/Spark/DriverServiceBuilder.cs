using Covid.SparkJob.Spark;
using k8s.Models;

namespace Covid.Server.Spark;

/// <summary>
/// The headless Service executors reach the client-mode driver through: spark.driver.host is its
/// DNS name, and with no cluster IP it resolves straight to the driver pod.
/// </summary>
public static class DriverServiceBuilder
{
    public static V1Service Build(SparkNames names, string ns) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta
        {
            Name = names.Service,
            NamespaceProperty = ns,
            Labels = names.CommonLabels("spark-driver"),
        },
        Spec = new V1ServiceSpec
        {
            ClusterIP = "None",
            Selector = new Dictionary<string, string>
            {
                [SparkNames.AppSelectorLabel] = names.AppId,
                [SparkNames.SparkRoleLabel] = "driver",
            },
            Ports =
            [
                Port("driver-rpc-port", SparkJobDescription.DriverPort),
                Port("blockmanager", SparkJobDescription.BlockManagerPort),
                Port("spark-ui", SparkJobDescription.UiPort),
            ],
        },
    };

    /// <summary>spark.driver.host: the Service's name inside the cluster.</summary>
    public static string Host(SparkNames names, string ns) => $"{names.Service}.{ns}.svc";

    private static V1ServicePort Port(string name, int port) =>
        new() { Name = name, Port = port, TargetPort = port, Protocol = "TCP" };
}
