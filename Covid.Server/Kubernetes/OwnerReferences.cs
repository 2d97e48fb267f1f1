using k8s.Models;

namespace Covid.Server.Kubernetes;

/// <summary>
/// Points an object at the driver pod so deleting the pod deletes it too. blockOwnerDeletion is
/// left unset: setting it needs update on pods/finalizers (OwnerReferencesPermissionEnforcement),
/// which the launcher's role does not have; cancel deletes the ConfigMap and Service itself.
/// </summary>
public static class OwnerReferences
{
    public static V1OwnerReference ToPod(V1Pod pod) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Name = pod.Metadata.Name,
        Uid = pod.Metadata.Uid ?? throw new InvalidOperationException($"pod {pod.Metadata.Name} has no uid; was it created?"),
        Controller = true,
    };

    public static T OwnedBy<T>(T obj, V1Pod pod) where T : IMetadata<V1ObjectMeta>
    {
        obj.Metadata.OwnerReferences = [ToPod(pod)];
        return obj;
    }
}
