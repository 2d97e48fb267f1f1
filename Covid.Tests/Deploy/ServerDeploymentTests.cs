using Covid.Tests.Support.Deploy;
using k8s.Models;
using static Covid.Tests.Support.Deploy.ServerDeployment;

namespace Covid.Tests.Deploy;

/// <summary>The server's Deployment, Service and data volume claim.</summary>
public sealed class ServerDeploymentTests
{
    [Fact]
    public async Task DataClaim_AccessModes_ReadWriteManyOnly()
    {
        var claim = (await DeployBundle.GetAsync()).Get<V1PersistentVolumeClaim>("covid-data");

        Assert.Equal(["ReadWriteMany"], claim.Spec.AccessModes);
        Assert.Null(claim.Spec.StorageClassName); // left to a patch: the cluster's business
        Assert.True(claim.Spec.Resources.Requests.ContainsKey("storage"));
    }

    [Fact]
    public async Task Deployment_DataClaim_MountedReadWriteAtTheConfiguredMountPath()
    {
        var bundle = await DeployBundle.GetAsync();
        var config = await ServerSettings.LoadAsync();
        var mount = MountOf(bundle, ServerSettings.Require(config, "Kubernetes:PersistentVolumeClaim"));

        Assert.Equal(ServerSettings.Require(config, "Kubernetes:MountPath"), mount.MountPath);
        Assert.NotEqual(true, mount.ReadOnlyProperty);
        Assert.Null(mount.SubPath);
    }

    [Fact]
    public async Task Deployment_ServerConfig_MountedAsTheEnvironmentsAppSettingsInTheContentRoot()
    {
        var bundle = await DeployBundle.GetAsync();
        var mount = MountOf(bundle, "covid-server-config");
        var environment = Assert.Single(Container(bundle).Env, e => e.Name == "DOTNET_ENVIRONMENT").Value;
        var workdir = Dockerfiles.Instructions(await Dockerfiles.ReadAsync("server.Dockerfile"), "WORKDIR").Last();

        Assert.Equal($"appsettings.{environment}.json", mount.SubPath);
        Assert.Equal(ServerSettings.FileName, mount.SubPath);
        Assert.Equal($"{workdir}/{mount.SubPath}", mount.MountPath); // CovidServer.Build: content root = the binaries
        Assert.True(mount.ReadOnlyProperty);
    }

    [Fact]
    public async Task Deployment_Probes_GrpcHealthOnTheContainersGrpcPort()
    {
        var bundle = await DeployBundle.GetAsync();
        var server = Container(bundle);
        var port = Assert.Single(server.Ports, p => p.Name == "grpc");

        Assert.Equal(5000, port.ContainerPort);
        foreach (var probe in new[] { server.StartupProbe, server.ReadinessProbe, server.LivenessProbe })
        {
            Assert.NotNull(probe);
            Assert.NotNull(probe.Grpc);
            Assert.Null(probe.HttpGet);
            Assert.Null(probe.TcpSocket);
            Assert.Null(probe.Exec);
            Assert.Equal(port.ContainerPort, probe.Grpc.Port);
            Assert.Equal("", probe.Grpc.Service); // grpc.health.v1's overall status: every health check
        }
    }

    [Fact]
    public async Task Deployment_Kestrel_H2cOnPort5000()
    {
        var env = Container(await DeployBundle.GetAsync()).Env.ToDictionary(e => e.Name, e => e.Value);

        Assert.Equal("http://0.0.0.0:5000", env["ASPNETCORE_URLS"]);
        Assert.Equal("Http2", env["Kestrel__EndpointDefaults__Protocols"]);
    }

    [Fact]
    public async Task Deployment_Rest_Http1OnTheHttpPort()
    {
        var server = Container(await DeployBundle.GetAsync());
        var env = server.Env.ToDictionary(e => e.Name, e => e.Value);

        Assert.Equal("http://0.0.0.0:8080", env["Rest__Http1Urls"]);
        Assert.Equal(8080, Assert.Single(server.Ports, p => p.Name == "http").ContainerPort);
    }

    [Fact]
    public async Task Deployment_Security_NonRootReadOnlyRootNoEscalation()
    {
        var bundle = await DeployBundle.GetAsync();
        var pod = PodSpec(bundle).SecurityContext;
        var container = Container(bundle).SecurityContext;

        Assert.True(pod.RunAsNonRoot);
        Assert.True(pod.RunAsUser > 0);
        Assert.Equal("RuntimeDefault", pod.SeccompProfile.Type);
        Assert.True(container.ReadOnlyRootFilesystem);
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
        // With a read-only root, the process works in the writable /tmp (DuckDB spills to ./.tmp).
        Assert.Equal("/tmp", Container(bundle).WorkingDir);
        Assert.Equal("/tmp", Assert.Single(Container(bundle).VolumeMounts, m => PodSpec(bundle).Volumes.Single(v => v.Name == m.Name).EmptyDir is not null).MountPath);
    }

    [Fact]
    public async Task Deployment_ImageAndResources_AsDocumented()
    {
        var bundle = await DeployBundle.GetAsync();
        var deployment = bundle.Get<V1Deployment>("covid-server");
        var server = Container(bundle);

        Assert.Equal("covid-analysis/server:latest", server.Image);
        Assert.Equal("IfNotPresent", server.ImagePullPolicy);
        Assert.Equal(1, deployment.Spec.Replicas);
        Assert.Equal("Recreate", deployment.Spec.Strategy.Type);
        Assert.True(server.Resources.Requests.ContainsKey("cpu") && server.Resources.Requests.ContainsKey("memory"));
        Assert.True(server.Resources.Limits.ContainsKey("memory"));
        Assert.Subset(deployment.Spec.Template.Metadata.Labels.ToHashSet(), deployment.Spec.Selector.MatchLabels.ToHashSet());
    }

    [Fact]
    public async Task Service_SelectsTheServerPods_H2cOnPort5000()
    {
        var bundle = await DeployBundle.GetAsync();
        var service = bundle.Get<V1Service>("covid-server");
        var podLabels = bundle.Get<V1Deployment>("covid-server").Spec.Template.Metadata.Labels;
        var port = Assert.Single(service.Spec.Ports, p => p.Name == "grpc");
        var rest = Assert.Single(service.Spec.Ports, p => p.Name == "http");

        Assert.All(service.Spec.Selector, pair => Assert.Equal(pair.Value, podLabels[pair.Key]));
        Assert.Equal(5000, port.Port);
        Assert.Equal("grpc", port.TargetPort.Value);
        Assert.Equal("kubernetes.io/h2c", port.AppProtocol);
        Assert.Equal((8080, "http", "http"), (rest.Port, rest.TargetPort.Value, rest.AppProtocol));
        Assert.Equal("ClusterIP", service.Spec.Type);
    }
}
