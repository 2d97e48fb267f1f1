namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// A ResourceQuota with <c>hard: {limits.cpu: …}</c> in one namespace, enforced on pod creation as
/// the API server's quota admission enforces it (see <see cref="FakeObjectStore.AddQuota"/>).
/// </summary>
/// <param name="Name">The quota's name, as the Forbidden messages name it.</param>
/// <param name="Namespace">Where it applies.</param>
/// <param name="HardLimitsCpu">The namespace's total of <c>limits.cpu</c> over pods that have not ended, e.g. "4" or "1500m".</param>
public sealed record FakeResourceQuota(string Name, string Namespace, string HardLimitsCpu);
