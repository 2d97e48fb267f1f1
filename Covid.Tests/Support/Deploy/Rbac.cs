using k8s.Models;

namespace Covid.Tests.Support.Deploy;

/// <summary>What a Role allows, in the "resource:verb" form the API server journal is compared in.</summary>
public static class Rbac
{
    public static HashSet<string> Grants(V1Role role) =>
        role.Rules.SelectMany(rule => rule.Resources.SelectMany(resource => rule.Verbs.Select(verb => $"{resource}:{verb}"))).ToHashSet();
}
