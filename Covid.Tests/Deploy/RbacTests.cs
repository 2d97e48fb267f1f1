using Covid.Tests.Support.Deploy;
using k8s.Models;
using static Covid.Tests.Support.Deploy.Rbac;

namespace Covid.Tests.Deploy;

/// <summary>
/// Least privilege: each Role grants exactly the calls its account makes (the server's launcher,
/// per /work/notes agreements and Covid.Server/Kubernetes; Spark 3.5's driver, per its sources as
/// listed in deploy/README.md), nothing with wildcards, nothing cluster-wide.
/// </summary>
public sealed class RbacTests
{
    /// <summary>The launcher's calls: create/follow/cancel drivers, read their logs, own their ConfigMap and Service.</summary>
    public static readonly IReadOnlySet<string> ServerCalls = new HashSet<string>
    {
        "pods:create", "pods:get", "pods:list", "pods:watch", "pods:delete",
        "pods/log:get",
        "configmaps:create", "configmaps:get", "configmaps:delete",
        "services:create", "services:get", "services:delete",
    };

    /// <summary>Spark 3.5's driver in client mode with the confs the launcher sets (deploy/README.md).</summary>
    public static readonly IReadOnlySet<string> SparkDriverCalls = new HashSet<string>
    {
        "pods:create", "pods:get", "pods:list", "pods:watch", "pods:delete", "pods:deletecollection",
        "configmaps:create", "configmaps:deletecollection",
    };

    [Theory]
    [InlineData("covid-server")]
    [InlineData("covid-spark")]
    public async Task Role_Rules_CoreGroupOnlyNoWildcardsNoNames(string role)
    {
        var rules = (await DeployBundle.GetAsync()).Get<V1Role>(role).Rules;

        Assert.NotEmpty(rules);
        Assert.All(rules, rule =>
        {
            Assert.Equal([""], rule.ApiGroups);
            Assert.DoesNotContain("*", rule.Verbs);
            Assert.DoesNotContain("*", rule.Resources);
            Assert.DoesNotContain(rule.Resources, r => r.EndsWith("/*", StringComparison.Ordinal));
            Assert.True(rule.NonResourceURLs is null || rule.NonResourceURLs.Count == 0);
            Assert.True(rule.ResourceNames is null || rule.ResourceNames.Count == 0);
        });
    }

    [Fact]
    public async Task ServerRole_Grants_ExactlyTheLauncherCalls()
    {
        var granted = Grants((await DeployBundle.GetAsync()).Get<V1Role>("covid-server"));

        Assert.Equal(ServerCalls.Order(StringComparer.Ordinal), granted.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SparkRole_Grants_ExactlyTheDriverCalls()
    {
        var granted = Grants((await DeployBundle.GetAsync()).Get<V1Role>("covid-spark"));

        Assert.Equal(SparkDriverCalls.Order(StringComparer.Ordinal), granted.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Roles_NoAccount_TouchesSecretsOrVolumeClaims()
    {
        var bundle = await DeployBundle.GetAsync();

        Assert.All(bundle.All<V1Role>().SelectMany(r => r.Rules).SelectMany(r => r.Resources),
            resource => Assert.DoesNotContain(resource, new[] { "secrets", "persistentvolumeclaims", "serviceaccounts", "roles", "rolebindings" }));
        Assert.Empty(bundle.All<V1ClusterRole>());
        Assert.Empty(bundle.All<V1ClusterRoleBinding>());
    }

    [Theory]
    [InlineData("covid-server")]
    [InlineData("covid-spark")]
    public async Task RoleBinding_BindsItsRole_ToTheSameNamedServiceAccount(string name)
    {
        var bundle = await DeployBundle.GetAsync();
        var binding = bundle.Get<V1RoleBinding>(name);

        Assert.Equal("rbac.authorization.k8s.io", binding.RoleRef.ApiGroup);
        Assert.Equal("Role", binding.RoleRef.Kind);
        Assert.Equal(bundle.Get<V1Role>(name).Metadata.Name, binding.RoleRef.Name);
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal("ServiceAccount", subject.Kind);
        Assert.Equal(bundle.Get<V1ServiceAccount>(name).Metadata.Name, subject.Name);
        Assert.Equal(DeployBundle.Namespace, subject.NamespaceProperty);
    }

    [Fact]
    public async Task Deployment_RunsAs_TheServerAccountTheServerRoleIsBoundTo()
    {
        var bundle = await DeployBundle.GetAsync();
        var account = bundle.Get<V1Deployment>("covid-server").Spec.Template.Spec.ServiceAccountName;

        Assert.Equal("covid-server", account);
        Assert.Contains(bundle.All<V1RoleBinding>(), b => b.RoleRef.Name == "covid-server" && b.Subjects.Any(s => s.Name == account));
    }

    [Fact]
    public void Grants_RoleWithTwoRules_FlattensEveryResourceVerbPair()
    {
        // The helper the exact-set tests rely on.
        var role = new V1Role
        {
            Rules =
            [
                new V1PolicyRule { ApiGroups = [""], Resources = ["pods", "pods/log"], Verbs = ["get"] },
                new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["create", "get"] },
            ],
        };

        Assert.Equal(["configmaps:create", "configmaps:get", "pods/log:get", "pods:get"], Grants(role).Order(StringComparer.Ordinal));
    }
}
