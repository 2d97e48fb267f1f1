using k8s.Models;

namespace Covid.Tests.Support.Deploy;

/// <summary>The server's Deployment in the bundle: its pod, its one container, its mounts.</summary>
public static class ServerDeployment
{
    public static V1PodSpec PodSpec(DeployBundle bundle) => bundle.Get<V1Deployment>("covid-server").Spec.Template.Spec;

    public static V1Container Container(DeployBundle bundle) => Assert.Single(PodSpec(bundle).Containers);

    /// <summary>The server container's mount of the volume that holds this ConfigMap or claim.</summary>
    public static V1VolumeMount MountOf(DeployBundle bundle, string configMapOrClaim)
    {
        var volume = Assert.Single(PodSpec(bundle).Volumes,
            v => v.ConfigMap?.Name == configMapOrClaim || v.PersistentVolumeClaim?.ClaimName == configMapOrClaim);
        return Assert.Single(Container(bundle).VolumeMounts, m => m.Name == volume.Name);
    }
}
