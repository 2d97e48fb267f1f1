using k8s.Models;
using Covid.Tests.Support.Deploy;

namespace Covid.Tests.Deploy;

/// <summary>The checker the pod tests rely on: a compliant pod passes, and each control of the standard is caught on its own.</summary>
public sealed class RestrictedPodSecurityTests
{
    private static V1Pod Compliant() => new()
    {
        Metadata = new V1ObjectMeta { Name = "ok" },
        Spec = new V1PodSpec
        {
            SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = 1654, SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" } },
            Volumes = [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "c" } }],
            Containers =
            [
                new V1Container
                {
                    Name = "c",
                    SecurityContext = new V1SecurityContext { AllowPrivilegeEscalation = false, Capabilities = new V1Capabilities { Drop = ["ALL"], Add = ["NET_BIND_SERVICE"] } },
                },
            ],
        },
    };

    [Fact]
    public void Violations_CompliantPod_None()
    {
        Assert.Empty(RestrictedPodSecurity.Violations(Compliant()));
    }

    public static TheoryData<string, string> Breaches => new()
    {
        { "hostNetwork", "spec.hostNetwork" },
        { "hostPID", "spec.hostPID" },
        { "hostIPC", "spec.hostIPC" },
        { "hostPath", "spec.volumes[1] (host): hostPath volumes are not allowed" },
        { "nfs", "spec.volumes[1] (host): nfs volumes are not allowed" },
        { "privileged", "spec.containers[0] (c).securityContext.privileged" },
        { "escalation", "spec.containers[0] (c).securityContext.allowPrivilegeEscalation" },
        { "dropNothing", "spec.containers[0] (c).securityContext.capabilities.drop: must include ALL" },
        { "addSysAdmin", "'SYS_ADMIN' is not allowed" },
        { "rootContainer", "spec.containers[0] (c).securityContext.runAsUser: must not be 0" },
        { "rootPod", "spec.securityContext.runAsUser: must not be 0" },
        { "runAsRootAllowed", "spec.containers[0] (c).securityContext.runAsNonRoot" },
        { "noNonRootAnywhere", "runAsNonRoot: must be true here or on the pod" },
        { "unconfinedContainer", "spec.containers[0] (c).securityContext.seccompProfile.type: 'Unconfined'" },
        { "unconfinedPod", "spec.securityContext.seccompProfile.type: 'Unconfined'" },
        { "noSeccomp", "seccompProfile.type: '' is not RuntimeDefault or Localhost, here or on the pod" },
        { "hostPort", "hostPort 8080 is not allowed" },
        { "procMount", "procMount: must be unset or Default" },
        { "seLinuxUser", "seLinuxOptions.user: must be unset" },
        { "sysctl", "'kernel.msgmax' is not a safe sysctl" },
        { "appArmor", "appArmorProfile.type: 'Unconfined'" },
        { "appArmorAnnotation", "container.apparmor.security.beta.kubernetes.io/c]: 'unconfined'" },
        { "initContainer", "spec.initContainers[0] (init).securityContext.allowPrivilegeEscalation" },
        { "hostProcess", "windowsOptions.hostProcess" },
    };

    [Theory]
    [MemberData(nameof(Breaches))]
    public void Violations_OneControlBreached_ThatOneReported(string breach, string expected)
    {
        var pod = Compliant();
        var spec = pod.Spec;
        var c = spec.Containers[0].SecurityContext;
        switch (breach)
        {
            case "hostNetwork": spec.HostNetwork = true; break;
            case "hostPID": spec.HostPID = true; break;
            case "hostIPC": spec.HostIPC = true; break;
            case "hostPath": spec.Volumes.Add(new V1Volume { Name = "host", HostPath = new V1HostPathVolumeSource { Path = "/" } }); break;
            case "nfs": spec.Volumes.Add(new V1Volume { Name = "host", Nfs = new V1NFSVolumeSource { Server = "nfs", Path = "/" } }); break;
            case "privileged": c.Privileged = true; break;
            case "escalation": c.AllowPrivilegeEscalation = null; break;
            case "dropNothing": c.Capabilities.Drop = ["NET_RAW"]; break;
            case "addSysAdmin": c.Capabilities.Add = ["SYS_ADMIN"]; break;
            case "rootContainer": c.RunAsUser = 0; break;
            case "rootPod": spec.SecurityContext.RunAsUser = 0; c.RunAsUser = 1000; break;
            case "runAsRootAllowed": c.RunAsNonRoot = false; break;
            case "noNonRootAnywhere": spec.SecurityContext.RunAsNonRoot = null; break;
            case "unconfinedContainer": c.SeccompProfile = new V1SeccompProfile { Type = "Unconfined" }; break;
            case "unconfinedPod": spec.SecurityContext.SeccompProfile.Type = "Unconfined"; c.SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" }; break;
            case "noSeccomp": spec.SecurityContext.SeccompProfile = null; break;
            case "hostPort": spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 8080, HostPort = 8080 }]; break;
            case "procMount": c.ProcMount = "Unmasked"; break;
            case "seLinuxUser": c.SeLinuxOptions = new V1SELinuxOptions { User = "system_u" }; break;
            case "sysctl": spec.SecurityContext.Sysctls = [new V1Sysctl { Name = "kernel.msgmax", Value = "1" }]; break;
            case "appArmor": c.AppArmorProfile = new V1AppArmorProfile { Type = "Unconfined" }; break;
            case "appArmorAnnotation": pod.Metadata.Annotations = new Dictionary<string, string> { ["container.apparmor.security.beta.kubernetes.io/c"] = "unconfined" }; break;
            case "initContainer": spec.InitContainers = [new V1Container { Name = "init", SecurityContext = new V1SecurityContext { Capabilities = new V1Capabilities { Drop = ["ALL"] } } }]; break;
            case "hostProcess": spec.SecurityContext.WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true }; break;
        }

        var violations = RestrictedPodSecurity.Violations(pod);

        var violation = Assert.Single(violations);
        Assert.Contains(expected, violation);
    }
}
