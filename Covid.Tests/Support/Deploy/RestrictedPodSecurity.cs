using k8s.Models;

namespace Covid.Tests.Support.Deploy;

/// <summary>
/// The checks of the Kubernetes Pod Security Standard "restricted" that a pod spec alone decides
/// (host namespaces, privilege, capabilities, non-root, seccomp, volume types). The namespace
/// warns and audits at this level; our pods must not trigger it.
/// </summary>
public static class RestrictedPodSecurity
{
    private static readonly HashSet<string> AllowedVolumeSources =
        ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

    public static IReadOnlyList<string> Violations(V1PodSpec spec)
    {
        var found = new List<string>();
        if (spec.HostNetwork == true || spec.HostPID == true || spec.HostIPC == true) found.Add("host namespaces");
        var pod = spec.SecurityContext;
        foreach (var volume in spec.Volumes ?? [])
        {
            var source = VolumeSource(volume);
            if (!AllowedVolumeSources.Contains(source)) found.Add($"volume {volume.Name}: {source}");
        }
        foreach (var c in (spec.InitContainers ?? []).Concat(spec.Containers))
        {
            var sc = c.SecurityContext;
            if (sc?.Privileged == true) found.Add($"{c.Name}: privileged");
            if (sc?.AllowPrivilegeEscalation != false) found.Add($"{c.Name}: allowPrivilegeEscalation not false");
            if (sc?.Capabilities?.Drop?.Contains("ALL") != true) found.Add($"{c.Name}: capabilities not dropping ALL");
            if (sc?.Capabilities?.Add?.Any(a => a != "NET_BIND_SERVICE") == true) found.Add($"{c.Name}: adds capabilities");
            if ((sc?.RunAsNonRoot ?? pod?.RunAsNonRoot) != true) found.Add($"{c.Name}: runAsNonRoot not true");
            if ((sc?.RunAsUser ?? pod?.RunAsUser) == 0) found.Add($"{c.Name}: runAsUser 0");
            var seccomp = sc?.SeccompProfile?.Type ?? pod?.SeccompProfile?.Type;
            if (seccomp is not ("RuntimeDefault" or "Localhost")) found.Add($"{c.Name}: seccomp '{seccomp}'");
        }
        return found;
    }

    private static string VolumeSource(V1Volume v) =>
        v.ConfigMap is not null ? "configMap" : v.Csi is not null ? "csi" : v.DownwardAPI is not null ? "downwardAPI"
        : v.EmptyDir is not null ? "emptyDir" : v.Ephemeral is not null ? "ephemeral"
        : v.PersistentVolumeClaim is not null ? "persistentVolumeClaim" : v.Projected is not null ? "projected"
        : v.Secret is not null ? "secret" : v.HostPath is not null ? "hostPath" : "other";
}
