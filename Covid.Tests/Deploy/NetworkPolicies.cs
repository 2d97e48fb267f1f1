using k8s.Models;

namespace Covid.Tests.Deploy;

/// <summary>
/// NetworkPolicy ingress semantics, for pods of the deploy namespace: a pod selected by no policy
/// accepts everything; a selected pod accepts a connection only when some selecting policy has a
/// rule whose peers include the source (no peers = any source; a podSelector peer without
/// namespaceSelector = this namespace; a namespaceSelector peer = pods of the namespaces whose
/// labels it matches, narrowed by its podSelector if any) and whose ports include the destination
/// port (no ports = all; a named port resolves against the destination's container ports). TCP
/// unless a port says otherwise.
/// </summary>
public static class NetworkPolicies
{
    /// <param name="fromNamespace">The labels of the source's namespace; null: the deploy namespace itself.</param>
    public static bool Allows(IEnumerable<V1NetworkPolicy> policies, V1Pod from, V1Pod to, int port, IDictionary<string, string>? fromNamespace = null)
    {
        var sameNamespace = fromNamespace is null;
        var namespaceLabels = fromNamespace ?? new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = Support.Deploy.DeployBundle.Namespace };
        var selecting = policies.Where(p => IsIngress(p) && Matches(p.Spec.PodSelector, to.Metadata.Labels)).ToList();
        return selecting.Count == 0 || selecting.Any(p => (p.Spec.Ingress ?? []).Any(rule =>
            (rule.FromProperty is not { Count: > 0 } peers || peers.Any(peer => peer.IpBlock is null
                && (peer.NamespaceSelector is null ? sameNamespace : Matches(peer.NamespaceSelector, namespaceLabels))
                && Matches(peer.PodSelector, from.Metadata.Labels)))
            && (rule.Ports is not { Count: > 0 } ports || ports.Any(p => (p.Protocol ?? "TCP") == "TCP" && PortMatches(p, to, port)))));
    }

    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        if (selector is null)
        {
            return true;
        }
        var byLabels = (selector.MatchLabels ?? new Dictionary<string, string>()).All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
        return byLabels && (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
        {
            "In" => labels.TryGetValue(e.Key, out var v) && e.Values.Contains(v),
            "NotIn" => !labels.TryGetValue(e.Key, out var v) || !e.Values.Contains(v),
            "Exists" => labels.ContainsKey(e.Key),
            "DoesNotExist" => !labels.ContainsKey(e.Key),
            _ => throw new ArgumentException($"unknown selector operator {e.OperatorProperty}"),
        });
    }

    private static bool IsIngress(V1NetworkPolicy policy) =>
        policy.Spec.PolicyTypes is { Count: > 0 } types ? types.Contains("Ingress") : true;

    private static bool PortMatches(V1NetworkPolicyPort rule, V1Pod to, int port)
    {
        if (rule.Port is null)
        {
            return true;
        }
        var value = rule.Port.Value;
        if (int.TryParse(value, out var number))
        {
            return rule.EndPort is { } end ? port >= number && port <= end : port == number;
        }
        return to.Spec.Containers.SelectMany(c => c.Ports ?? []).Any(p => p.Name == value && p.ContainerPort == port);
    }
}
