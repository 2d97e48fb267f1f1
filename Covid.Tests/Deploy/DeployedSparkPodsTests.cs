using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using k8s.Models;
using Covid.Tests.Support.Deploy;

namespace Covid.Tests.Deploy;

[CollectionDefinition(Name)]
public sealed class DeployedSparkRunCollection : ICollectionFixture<DeployedSparkRun>
{
    public const string Name = "deployed-spark-run";
}

/// <summary>
/// The driver and executor pods a deploy/-configured server really gets created (DeployedSparkRun),
/// against the Pod Security Standard "restricted", the stock Spark image the README promises, and
/// a namespace quota on limits.cpu.
/// </summary>
[Collection(DeployedSparkRunCollection.Name)]
public sealed class DeployedSparkPodsTests(DeployedSparkRun run)
{
    private IEnumerable<V1Pod> SparkPods => [run.Driver, .. run.Executors];

    [Fact]
    public void Run_DeployConfig_DriverAndTheConfiguredExecutorsCreated()
    {
        Assert.Equal("Succeeded", run.Driver.Status.Phase);
        Assert.Equal(2, run.Executors.Count);
        Assert.Empty(run.Refused);
    }

    [Fact]
    public void DriverPod_AsCreated_MeetsRestrictedPodSecurity()
    {
        Assert.Empty(RestrictedPodSecurity.Violations(run.Driver));
    }

    [Fact]
    public void ExecutorPods_AsSparkBuildsThemOverTheShippedTemplate_MeetRestrictedPodSecurity()
    {
        Assert.All(run.Executors, executor => Assert.Empty(RestrictedPodSecurity.Violations(executor)));
    }

    [Fact]
    public void ExecutorPods_Token_NotMountedDriverOnlyOne()
    {
        Assert.True(run.Driver.Spec.AutomountServiceAccountToken);
        Assert.All(run.Executors, executor => Assert.False(executor.Spec.AutomountServiceAccountToken));
    }

    [Fact]
    public void ServerAndSparkPods_FsGroup_ChangedOnlyOnRootMismatch()
    {
        // Not a chown of all of /data at every start of every pod that mounts it.
        Assert.All(SparkPods.Append(run.Server), pod => Assert.Equal("OnRootMismatch", pod.Spec.SecurityContext.FsGroupChangePolicy));
    }

    [Fact]
    public void SparkPods_OnTheStockImage_NumericNonRootUserWithAUserNameAndAWritableWorkDir()
    {
        Assert.All(SparkPods, pod =>
        {
            var container = pod.Spec.Containers[0];
            var sc = pod.Spec.SecurityContext;
            Assert.Equal(StockSparkImage.Reference, container.Image);
            // USER spark is a name: without a numeric runAsUser the kubelet cannot verify runAsNonRoot.
            Assert.True(sc.RunAsUser is > 0, $"{pod.Metadata.Name}: runAsUser must be set and not root");
            Assert.True(StockSparkImage.HasUserName(sc.RunAsUser!.Value, container.Args?.FirstOrDefault()),
                $"{pod.Metadata.Name}: UID {sc.RunAsUser} has no passwd entry and '{container.Args?.FirstOrDefault()}' is the entrypoint's pass-through mode");
            Assert.True(StockSparkImage.CanWriteWorkDir(sc.RunAsUser.Value, sc.RunAsGroup, sc.SupplementalGroups ?? []),
                $"{pod.Metadata.Name}: cannot write {StockSparkImage.WorkDir}");
        });
    }

    [Fact]
    public void DriverPod_EntrypointDriverMode_HasItsBindAddress()
    {
        var container = run.Driver.Spec.Containers[0];

        Assert.Equal("driver", container.Args[0]);
        Assert.Null(container.Command); // the image's entrypoint must run, or no passwd entry is faked
        Assert.Equal("status.podIP", container.Env.Single(e => e.Name == StockSparkImage.DriverBindAddressEnv).ValueFrom.FieldRef.FieldPath);
    }

    [Fact]
    public async Task SparkPods_ImageAndUid_AreWhatConfigAndServerUse()
    {
        var config = await ServerSettings.LoadAsync();
        var server = ServerDeployment.PodSpec(await DeployBundle.GetAsync()).SecurityContext;

        Assert.Equal(StockSparkImage.Reference, ServerSettings.Require(config, "Kubernetes:SparkImage"));
        Assert.Equal(StockSparkImage.Reference, new KubernetesOptions().SparkImage);
        Assert.All(SparkPods, pod => Assert.Equal(server.RunAsUser, pod.Spec.SecurityContext.RunAsUser));
        // The README promises the stock image: no second Spark image to build.
        Assert.False(File.Exists(DeployBundle.PathOf("spark.Dockerfile")));
    }

    [Fact]
    public void SparkPods_EveryContainer_HasCpuAndMemoryLimitsAQuotaAccepts()
    {
        Assert.All(SparkPods.SelectMany(p => p.Spec.Containers), c =>
        {
            Assert.True(c.Resources.Limits.ContainsKey("cpu"), $"{c.Name} has no CPU limit");
            Assert.True(c.Resources.Limits.ContainsKey("memory"), $"{c.Name} has no memory limit");
            Assert.True(c.Resources.Requests["cpu"].ToDecimal() <= c.Resources.Limits["cpu"].ToDecimal());
        });
    }

    [Fact]
    public void ExecutorPods_Labels_ThoseTheNetworkPoliciesSelect()
    {
        Assert.All(run.Executors, e =>
        {
            Assert.Equal("executor", e.Metadata.Labels[SparkNames.SparkRoleLabel]);
            Assert.Equal("covid-analysis", e.Metadata.Labels["app.kubernetes.io/part-of"]);
            Assert.Equal("deployed1", e.Metadata.Labels[SparkNames.AnalysisIdLabel]);
        });
    }
}
