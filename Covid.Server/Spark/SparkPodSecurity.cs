using k8s.Models;

namespace Covid.Server.Spark;

/// <summary>
/// What every Spark pod gets where its pod template is silent, so that driver and executors meet
/// the Kubernetes "restricted" Pod Security Standard and run on the stock <c>apache/spark</c> image:
/// UID 1654 (the server's, so every file on the shared volume has one owner), GID 185 (the image's
/// "spark" group, which owns the group-writable <c>/opt/spark/work-dir</c> where spark-sql keeps its
/// scratch metastore), fsGroup 1654 applied only when the volume root does not already match (not a
/// chown of all of <c>/data</c> at every pod start), RuntimeDefault seccomp, no privilege escalation
/// and every capability dropped. The image's USER is the name "spark", so runAsNonRoot can only be
/// verified with a numeric runAsUser: it is always set.
/// </summary>
public static class SparkPodSecurity
{
    public const long User = 1654;
    public const long Group = 185;
    public const long FsGroup = 1654;
    public const string FsGroupChangePolicy = "OnRootMismatch";

    /// <summary>Fills in what the pod does not set; <paramref name="mountToken"/> only the driver needs (it calls the API).</summary>
    public static V1Pod Apply(V1Pod pod, string containerName, bool mountToken)
    {
        pod.Spec ??= new V1PodSpec();
        var spec = pod.Spec;
        spec.AutomountServiceAccountToken ??= mountToken;
        // Service links put one env var per Service of the namespace into every container: noise at best.
        spec.EnableServiceLinks ??= false;
        var sc = spec.SecurityContext ??= new V1PodSecurityContext();
        sc.RunAsNonRoot ??= true;
        sc.RunAsUser ??= User;
        sc.RunAsGroup ??= Group;
        sc.FsGroup ??= FsGroup;
        sc.FsGroupChangePolicy ??= FsGroupChangePolicy;
        sc.SeccompProfile ??= new V1SeccompProfile { Type = "RuntimeDefault" };
        spec.Containers ??= [];
        var container = spec.Containers.FirstOrDefault(c => c.Name == containerName) ?? spec.Containers.FirstOrDefault();
        if (container is null)
        {
            container = new V1Container { Name = containerName };
            spec.Containers.Add(container);
        }
        var csc = container.SecurityContext ??= new V1SecurityContext();
        csc.AllowPrivilegeEscalation ??= false;
        csc.Capabilities ??= new V1Capabilities();
        if (csc.Capabilities.Drop?.Contains("ALL") != true)
        {
            csc.Capabilities.Drop = [.. csc.Capabilities.Drop ?? [], "ALL"];
        }
        return pod;
    }
}
