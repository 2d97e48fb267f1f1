using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using k8s.Models;
using static Covid.Tests.Support.Spark.LaunchFixtures;

namespace Covid.Tests.Server.Spark;

public sealed class ConfigMapAndServiceBuilderTests
{
    [Fact]
    public void Build_ConfigMap_ScriptPropertiesAndExecutorTemplate()
    {
        var map = ConfigMapBuilder.Build(Names, Namespace, Job, "apiVersion: v1\nkind: Pod\n");

        Assert.Equal("covid-abc123-conf", map.Metadata.Name);
        Assert.Equal(["executor-pod-template.yaml", "query.sql", "spark.properties"], map.Data.Keys.Order());
        Assert.Equal(Job.Script, map.Data["query.sql"]);
        Assert.Equal(Job.PropertiesFile, map.Data["spark.properties"]);
        Assert.Equal("apiVersion: v1\nkind: Pod\n", map.Data["executor-pod-template.yaml"]);
        Assert.Equal("abc123", map.Metadata.Labels["covid-analysis/analysis-id"]);
    }

    [Fact]
    public void Build_ConfigMapWithoutExecutorTemplate_OnlyScriptAndProperties()
    {
        var map = ConfigMapBuilder.Build(Names, Namespace, Job, executorTemplateYaml: null);

        Assert.Equal(["query.sql", "spark.properties"], map.Data.Keys.Order());
    }

    [Fact]
    public void Build_Service_HeadlessSelectingOnlyTheDriverOnSparkPorts()
    {
        var service = DriverServiceBuilder.Build(Names, Namespace);

        Assert.Equal("covid-abc123-driver-svc", service.Metadata.Name);
        Assert.Equal("None", service.Spec.ClusterIP);
        Assert.Equal(
            new Dictionary<string, string> { ["spark-app-selector"] = "spark-abc123", ["spark-role"] = "driver" }.OrderBy(p => p.Key),
            service.Spec.Selector.OrderBy(p => p.Key));
        Assert.Equal([("driver-rpc-port", 7078), ("blockmanager", 7079), ("spark-ui", 4040)],
            service.Spec.Ports.Select(p => (p.Name, p.Port)));
        Assert.Equal("covid-abc123-driver-svc.covid-analysis.svc", DriverServiceBuilder.Host(Names, Namespace));
    }

    [Fact]
    public void Build_ServiceSelector_MatchesTheDriverPodLabels()
    {
        var pod = DriverPodBuilder.Build(Names, Namespace, Job, Options, template: null);
        var service = DriverServiceBuilder.Build(Names, Namespace);

        Assert.All(service.Spec.Selector, s => Assert.Equal(s.Value, pod.Metadata.Labels[s.Key]));
    }

    [Fact]
    public void OwnedBy_CreatedPod_ControllerReferenceToItsUid()
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "covid-abc123-driver", Uid = "uid-1" } };

        var map = OwnerReferences.OwnedBy(ConfigMapBuilder.Build(Names, Namespace, Job, null), pod);

        var owner = Assert.Single(map.Metadata.OwnerReferences);
        Assert.Equal(("v1", "Pod", "covid-abc123-driver", "uid-1", true), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller));
    }

    [Fact]
    public void OwnedBy_PodNotCreatedYet_RefusesWithoutUid()
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "covid-abc123-driver" } };

        Assert.Throws<InvalidOperationException>(() => OwnerReferences.ToPod(pod));
    }
}
