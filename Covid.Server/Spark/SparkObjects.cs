using k8s.Models;

namespace Covid.Server.Spark;

/// <summary>What the launcher creates for one analysis, before owner references are added.</summary>
public sealed record SparkObjects(SparkNames Names, V1Pod DriverPod, V1ConfigMap ConfigMap, V1Service Service);
