using k8s;
using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// Quota admission for <c>limits.cpu</c>: a pod any of whose containers sets no CPU limit is
/// refused (403 "failed quota: NAME: must specify limits.cpu for: CONTAINERS"), and so is one whose
/// limit would take the namespace's running and pending pods past the hard total (403 "exceeded
/// quota: NAME, requested: …, used: …, limited: …"), in the real API server's words.
/// </summary>
public sealed partial class FakeObjectStore
{
    private readonly List<FakeResourceQuota> _quotas = [];

    /// <summary>Starts enforcing a quota on every pod created from now on.</summary>
    public void AddQuota(FakeResourceQuota quota)
    {
        lock (_gate)
        {
            _quotas.Add(quota);
        }
    }

    /// <summary>Stops enforcing every quota.</summary>
    public void ClearQuotas()
    {
        lock (_gate)
        {
            _quotas.Clear();
        }
    }

    /// <summary>Caller holds the lock.</summary>
    private void AdmitByQuota(string ns, IKubernetesObject<V1ObjectMeta> obj)
    {
        if (obj is not V1Pod pod)
        {
            return;
        }
        foreach (var quota in _quotas.Where(q => q.Namespace == ns))
        {
            var containers = (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? []).ToList();
            var unlimited = containers.Where(c => c.Resources?.Limits?.ContainsKey("cpu") != true).Select(c => c.Name).ToList();
            if (unlimited.Count > 0)
            {
                throw Forbidden(pod, $"failed quota: {quota.Name}: must specify limits.cpu for: {string.Join(",", unlimited)}");
            }
            var requested = LimitsCpu(pod);
            var used = _objects.Values.OfType<V1Pod>()
                .Where(p => p.Metadata.NamespaceProperty == ns && p.Status?.Phase is not ("Succeeded" or "Failed"))
                .Sum(LimitsCpu);
            var hard = new ResourceQuantity(quota.HardLimitsCpu).ToDecimal();
            if (used + requested > hard)
            {
                throw Forbidden(pod, $"exceeded quota: {quota.Name}, requested: limits.cpu={Cpu(requested)}, used: limits.cpu={Cpu(used)}, limited: limits.cpu={Cpu(hard)}");
            }
        }
    }

    private static decimal LimitsCpu(V1Pod pod) =>
        (pod.Spec?.Containers ?? []).Sum(c => c.Resources?.Limits?.TryGetValue("cpu", out var q) == true ? q.ToDecimal() : 0m);

    private static string Cpu(decimal cores) => cores == decimal.Truncate(cores)
        ? ((long)cores).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : ((long)(cores * 1000)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "m";

    private static KubeApiException Forbidden(V1Pod pod, string why) =>
        new(403, "Forbidden", $"pods \"{pod.Metadata?.Name ?? pod.Metadata?.GenerateName}\" is forbidden: {why}");
}
