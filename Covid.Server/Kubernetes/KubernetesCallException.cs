namespace Covid.Server.Kubernetes;

/// <summary>A Kubernetes API call that still failed after its retries.</summary>
public sealed class KubernetesCallException(string message, Exception inner) : Exception(message, inner);
