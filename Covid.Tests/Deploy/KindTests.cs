using Covid.Tests.Support.Deploy;
using k8s.Models;

namespace Covid.Tests.Deploy;

/// <summary>deploy/kind/ and deploy/kind.sh: the local-cluster pieces agree with the base.</summary>
public sealed class KindTests
{
    [Fact]
    public async Task HostPathVolume_ReadWriteMany_PreBoundToTheDataClaim()
    {
        var volume = Assert.IsType<V1PersistentVolume>(Assert.Single(await DeployBundle.LoadManifestAsync(DeployBundle.PathOf("kind/data-pv.yaml"))));
        var claim = (await DeployBundle.GetAsync()).Get<V1PersistentVolumeClaim>("covid-data");

        Assert.Equal(["ReadWriteMany"], volume.Spec.AccessModes);
        Assert.Equal(claim.Metadata.Name, volume.Spec.ClaimRef.Name);
        Assert.Equal(claim.Metadata.NamespaceProperty, volume.Spec.ClaimRef.NamespaceProperty);
        Assert.Equal("", volume.Spec.StorageClassName);
        Assert.Equal("Retain", volume.Spec.PersistentVolumeReclaimPolicy);
        Assert.NotNull(volume.Spec.HostPath);
        Assert.True(new ResourceQuantity(volume.Spec.Capacity["storage"].ToString()).ToDecimal() >= claim.Spec.Resources.Requests["storage"].ToDecimal());
    }

    [Fact]
    public async Task ClaimPatch_BindsTheClaimToTheHostPathVolumeWithNoStorageClass()
    {
        var patch = await File.ReadAllTextAsync(DeployBundle.PathOf("kind/pvc-hostpath-patch.yaml"));
        var volume = (V1PersistentVolume)(await DeployBundle.LoadManifestAsync(DeployBundle.PathOf("kind/data-pv.yaml")))[0];

        Assert.Contains("path: /spec/volumeName\n  value: " + volume.Metadata.Name, patch.ReplaceLineEndings("\n"));
        Assert.Contains("path: /spec/storageClassName\n  value: \"\"", patch.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task KindScript_ImagesAndHostDirectory_MatchTheManifests()
    {
        var script = await File.ReadAllTextAsync(DeployBundle.PathOf("kind.sh"));
        var volume = (V1PersistentVolume)(await DeployBundle.LoadManifestAsync(DeployBundle.PathOf("kind/data-pv.yaml")))[0];
        var config = await ServerSettings.LoadAsync();

        Assert.Contains("NOT RUN IN CI", script);
        Assert.Contains($"SERVER_IMAGE={ServerDeployment.Container(await DeployBundle.GetAsync()).Image}\n", script);
        Assert.Contains($"SPARK_IMAGE={ServerSettings.Require(config, "Kubernetes:SparkImage")}\n", script);
        Assert.Contains($"HOST_DIR={volume.Spec.HostPath.Path}\n", script);
        Assert.Contains("pvc-hostpath-patch.yaml", script);
        Assert.Contains("\"engine\": \"SPARK\"", script);
    }
}
