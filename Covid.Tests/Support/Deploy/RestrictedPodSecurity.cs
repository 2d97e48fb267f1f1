using k8s.Models;

namespace Covid.Tests.Support.Deploy;

/// <summary>
/// The Kubernetes Pod Security Standard "restricted" (kubernetes.io/docs/concepts/security/pod-security-standards,
/// policy version "latest"), every control of it and of "baseline" beneath it, checked field by field as
/// Pod Security Admission checks a pod: each violation names the field and what the standard allows.
/// An empty list means a namespace labelled <c>pod-security.kubernetes.io/enforce: restricted</c> admits the pod.
/// </summary>
public static class RestrictedPodSecurity
{
    private static readonly HashSet<string> AllowedVolumeSources =
        ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

    private static readonly HashSet<string> SafeSysctls =
    [
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
    ];

    private static readonly HashSet<string?> AllowedSeLinuxTypes = [null, "", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

    private static readonly HashSet<string?> ConfinedProfiles = ["RuntimeDefault", "Localhost"];

    public static IReadOnlyList<string> Violations(V1PodSpec spec) => Violations(new V1Pod { Metadata = new V1ObjectMeta(), Spec = spec });

    public static IReadOnlyList<string> Violations(V1Pod pod)
    {
        var found = new List<string>();
        var spec = pod.Spec;
        var psc = spec.SecurityContext;
        if (spec.HostNetwork == true) found.Add("spec.hostNetwork: must be unset or false");
        if (spec.HostPID == true) found.Add("spec.hostPID: must be unset or false");
        if (spec.HostIPC == true) found.Add("spec.hostIPC: must be unset or false");
        if (psc?.WindowsOptions?.HostProcess == true) found.Add("spec.securityContext.windowsOptions.hostProcess: must be unset or false");
        if (psc?.RunAsUser == 0) found.Add("spec.securityContext.runAsUser: must not be 0");
        if (psc?.AppArmorProfile?.Type is { } podArmor && !ConfinedProfiles.Contains(podArmor)) found.Add($"spec.securityContext.appArmorProfile.type: '{podArmor}' is not RuntimeDefault or Localhost");
        SeLinux(psc?.SeLinuxOptions, "spec.securityContext.seLinuxOptions", found);
        foreach (var sysctl in psc?.Sysctls ?? [])
        {
            if (!SafeSysctls.Contains(sysctl.Name)) found.Add($"spec.securityContext.sysctls: '{sysctl.Name}' is not a safe sysctl");
        }
        var podSeccomp = psc?.SeccompProfile?.Type;
        if (podSeccomp is not null && !ConfinedProfiles.Contains(podSeccomp)) found.Add($"spec.securityContext.seccompProfile.type: '{podSeccomp}' is not RuntimeDefault or Localhost");
        foreach (var (volume, i) in (spec.Volumes ?? []).Select((v, i) => (v, i)))
        {
            var source = VolumeSource(volume);
            if (!AllowedVolumeSources.Contains(source)) found.Add($"spec.volumes[{i}] ({volume.Name}): {source} volumes are not allowed");
        }
        foreach (var (path, name, sc, ports) in Containers(spec))
        {
            var at = $"{path} ({name})";
            if (sc?.Privileged == true) found.Add($"{at}.securityContext.privileged: must be unset or false");
            if (sc?.WindowsOptions?.HostProcess == true) found.Add($"{at}.securityContext.windowsOptions.hostProcess: must be unset or false");
            if (sc?.AllowPrivilegeEscalation != false) found.Add($"{at}.securityContext.allowPrivilegeEscalation: must be false");
            if (sc?.Capabilities?.Drop?.Contains("ALL") != true) found.Add($"{at}.securityContext.capabilities.drop: must include ALL");
            foreach (var add in (sc?.Capabilities?.Add ?? []).Where(a => a != "NET_BIND_SERVICE")) found.Add($"{at}.securityContext.capabilities.add: '{add}' is not allowed (only NET_BIND_SERVICE)");
            if (sc?.RunAsNonRoot == false || (sc?.RunAsNonRoot is null && psc?.RunAsNonRoot != true)) found.Add($"{at}.securityContext.runAsNonRoot: must be true here or on the pod");
            if (sc?.RunAsUser == 0) found.Add($"{at}.securityContext.runAsUser: must not be 0");
            var seccomp = sc?.SeccompProfile?.Type;
            if (seccomp is not null ? !ConfinedProfiles.Contains(seccomp) : !ConfinedProfiles.Contains(podSeccomp)) found.Add($"{at}.securityContext.seccompProfile.type: '{seccomp ?? podSeccomp}' is not RuntimeDefault or Localhost, here or on the pod");
            if (sc?.AppArmorProfile?.Type is { } armor && !ConfinedProfiles.Contains(armor)) found.Add($"{at}.securityContext.appArmorProfile.type: '{armor}' is not RuntimeDefault or Localhost");
            if (sc?.ProcMount is { } proc && proc != "Default") found.Add($"{at}.securityContext.procMount: must be unset or Default");
            SeLinux(sc?.SeLinuxOptions, $"{at}.securityContext.seLinuxOptions", found);
            foreach (var port in ports ?? [])
            {
                if (port.HostPort is { } host && host != 0) found.Add($"{at}.ports: hostPort {host} is not allowed");
            }
            if (pod.Metadata?.Annotations?.TryGetValue("container.apparmor.security.beta.kubernetes.io/" + name, out var annotation) == true
                && annotation != "runtime/default" && !annotation.StartsWith("localhost/", StringComparison.Ordinal))
            {
                found.Add($"metadata.annotations[container.apparmor.security.beta.kubernetes.io/{name}]: '{annotation}' is not allowed");
            }
        }
        return found;
    }

    private static IEnumerable<(string Path, string Name, V1SecurityContext? Context, IList<V1ContainerPort>? Ports)> Containers(V1PodSpec spec) =>
        (spec.InitContainers ?? []).Select((c, i) => Entry($"spec.initContainers[{i}]", c.Name, c.SecurityContext, c.Ports))
        .Concat(spec.Containers.Select((c, i) => Entry($"spec.containers[{i}]", c.Name, c.SecurityContext, c.Ports)))
        .Concat((spec.EphemeralContainers ?? []).Select((c, i) => Entry($"spec.ephemeralContainers[{i}]", c.Name, c.SecurityContext, c.Ports)));

    private static (string, string, V1SecurityContext?, IList<V1ContainerPort>?) Entry(string path, string name, V1SecurityContext? sc, IList<V1ContainerPort>? ports) =>
        (path, name, sc, ports);

    private static void SeLinux(V1SELinuxOptions? options, string path, List<string> found)
    {
        if (options is null)
        {
            return;
        }
        if (!AllowedSeLinuxTypes.Contains(options.Type)) found.Add($"{path}.type: '{options.Type}' is not allowed");
        if (!string.IsNullOrEmpty(options.User)) found.Add($"{path}.user: must be unset");
        if (!string.IsNullOrEmpty(options.Role)) found.Add($"{path}.role: must be unset");
    }

    private static string VolumeSource(V1Volume v) =>
        v.ConfigMap is not null ? "configMap" : v.Csi is not null ? "csi" : v.DownwardAPI is not null ? "downwardAPI"
        : v.EmptyDir is not null ? "emptyDir" : v.Ephemeral is not null ? "ephemeral"
        : v.PersistentVolumeClaim is not null ? "persistentVolumeClaim" : v.Projected is not null ? "projected"
        : v.Secret is not null ? "secret" : v.HostPath is not null ? "hostPath" : v.Nfs is not null ? "nfs" : "other";
}
