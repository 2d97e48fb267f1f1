using k8s.Models;

namespace Covid.Server.Kubernetes;

/// <summary>
/// Lays the launcher's pod over a pod template as Spark does: the template's other containers,
/// volumes, tolerations, node selector, affinity and annotations stay; the Spark container is the
/// template's container of that name, else its first, and gets the launcher's settings on top.
/// What the launcher sets wins, since the driver cannot run without it.
/// </summary>
public static class PodTemplateMerger
{
    public static V1Pod Merge(V1Pod template, V1Pod ours, string containerName)
    {
        var meta = template.Metadata ?? new V1ObjectMeta();
        var spec = template.Spec ?? new V1PodSpec();
        var mine = ours.Spec.Containers[0];
        var containers = (spec.Containers ?? []).ToList();
        var index = containers.FindIndex(c => c.Name == containerName);
        if (index < 0 && containers.Count > 0)
        {
            index = 0;
        }
        var merged = MergeContainer(index >= 0 ? containers[index] : null, mine);
        if (index >= 0)
        {
            containers[index] = merged;
        }
        else
        {
            containers.Add(merged);
        }

        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = ours.Metadata.Name,
                NamespaceProperty = ours.Metadata.NamespaceProperty,
                Labels = Union(meta.Labels, ours.Metadata.Labels),
                Annotations = Union(meta.Annotations, ours.Metadata.Annotations),
            },
            Spec = new V1PodSpec
            {
                ServiceAccountName = ours.Spec.ServiceAccountName,
                RestartPolicy = ours.Spec.RestartPolicy,
                Containers = containers,
                InitContainers = spec.InitContainers,
                Volumes = UnionBy(spec.Volumes, ours.Spec.Volumes, v => v.Name),
                Tolerations = spec.Tolerations,
                NodeSelector = spec.NodeSelector,
                Affinity = spec.Affinity,
                PriorityClassName = spec.PriorityClassName,
                SchedulerName = spec.SchedulerName,
                SecurityContext = spec.SecurityContext,
                AutomountServiceAccountToken = spec.AutomountServiceAccountToken,
                EnableServiceLinks = spec.EnableServiceLinks,
                ImagePullSecrets = spec.ImagePullSecrets,
                TerminationGracePeriodSeconds = spec.TerminationGracePeriodSeconds,
                TopologySpreadConstraints = spec.TopologySpreadConstraints,
                DnsConfig = spec.DnsConfig,
                DnsPolicy = spec.DnsPolicy,
                HostAliases = spec.HostAliases,
            },
        };
    }

    private static V1Container MergeContainer(V1Container? theirs, V1Container mine)
    {
        var c = theirs ?? new V1Container();
        c.Name = mine.Name;
        c.Image = mine.Image;
        c.ImagePullPolicy = mine.ImagePullPolicy;
        c.Command = mine.Command;
        c.Args = mine.Args;
        c.Env = UnionBy(c.Env, mine.Env, e => e.Name);
        c.Ports = UnionBy(c.Ports, mine.Ports, p => p.Name ?? p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        c.VolumeMounts = UnionBy(c.VolumeMounts, mine.VolumeMounts, m => m.MountPath);
        c.Resources = new V1ResourceRequirements
        {
            Requests = Union(c.Resources?.Requests, mine.Resources.Requests),
            Limits = Union(c.Resources?.Limits, mine.Resources.Limits),
        };
        return c;
    }

    private static Dictionary<string, T>? Union<T>(IDictionary<string, T>? theirs, IDictionary<string, T>? mine)
    {
        if (theirs is null && mine is null)
        {
            return null;
        }
        var result = new Dictionary<string, T>(theirs ?? new Dictionary<string, T>());
        foreach (var (key, value) in mine ?? new Dictionary<string, T>())
        {
            result[key] = value;
        }
        return result;
    }

    /// <summary>Theirs first, with any of the same key replaced by mine, then the rest of mine.</summary>
    private static List<T> UnionBy<T>(IList<T>? theirs, IList<T>? mine, Func<T, string> key)
    {
        var mineList = mine ?? [];
        var replaced = mineList.ToDictionary(key);
        var result = (theirs ?? []).Select(t => replaced.TryGetValue(key(t), out var m) ? m : t).ToList();
        var kept = result.Select(key).ToHashSet();
        result.AddRange(mineList.Where(m => !kept.Contains(key(m))));
        return result;
    }
}
