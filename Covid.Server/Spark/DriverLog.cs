using Covid.Server.Kubernetes;
using k8s;

namespace Covid.Server.Spark;

/// <summary>The last lines of a driver's log, for a failure reason people can act on.</summary>
public sealed class DriverLog(IKubernetes client, KubernetesApi api, ILogger<DriverLog> logger)
{
    public const int TailLines = 50;

    public async Task<string> TailAsync(SparkNames names, string ns, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await api.CallAsync("get", "pods/log", ct => client.CoreV1.ReadNamespacedPodLogAsync(names.DriverPod, ns,
                container: SparkNames.DriverContainer, tailLines: TailLines, cancellationToken: ct), cancellationToken);
            await using (stream)
            {
                using var reader = new StreamReader(stream);
                return (await reader.ReadToEndAsync(cancellationToken)).TrimEnd();
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The reason is still worth reporting without its log.
            logger.LogWarning("Could not read the log of {Pod}: {Message}", names.DriverPod, ex.Message);
            return $"(the driver log could not be read: {KubernetesApi.Describe(ex)})";
        }
    }
}
