using k8s;
using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// A list request's <c>fieldSelector</c>: comma-separated <c>field=value</c> (or <c>==</c>, <c>!=</c>)
/// terms over the fields the real API server supports for these kinds: <c>metadata.name</c>,
/// <c>metadata.namespace</c>, pods' <c>status.phase</c> and <c>spec.nodeName</c>, and events'
/// <c>involvedObject.*</c>, <c>reason</c> and <c>type</c>. Any other field is a 400, as there.
/// </summary>
internal sealed class FieldSelector
{
    private readonly List<(string Field, string Value, bool Equal)> _terms = [];

    public static FieldSelector Parse(string? text)
    {
        var selector = new FieldSelector();
        foreach (var term in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
            var at = notEqual >= 0 ? notEqual : term.IndexOf('=');
            if (at <= 0)
            {
                throw KubeApiException.BadRequest($"invalid field selector: \"{text}\"");
            }
            var doubled = notEqual >= 0 || (at + 1 < term.Length && term[at + 1] == '=');
            selector._terms.Add((term[..at], term[(at + (doubled ? 2 : 1))..], notEqual < 0));
        }
        return selector;
    }

    public bool Matches(IKubernetesObject<V1ObjectMeta> obj) => _terms.All(t => (Value(obj, t.Field) == t.Value) == t.Equal);

    private static string? Value(IKubernetesObject<V1ObjectMeta> obj, string field) => (field, obj) switch
    {
        ("metadata.name", _) => obj.Metadata.Name,
        ("metadata.namespace", _) => obj.Metadata.NamespaceProperty,
        ("status.phase", V1Pod pod) => pod.Status?.Phase,
        ("spec.nodeName", V1Pod pod) => pod.Spec?.NodeName ?? "",
        ("involvedObject.kind", Corev1Event e) => e.InvolvedObject?.Kind,
        ("involvedObject.name", Corev1Event e) => e.InvolvedObject?.Name,
        ("involvedObject.namespace", Corev1Event e) => e.InvolvedObject?.NamespaceProperty,
        ("involvedObject.uid", Corev1Event e) => e.InvolvedObject?.Uid,
        ("reason", Corev1Event e) => e.Reason,
        ("type", Corev1Event e) => e.Type,
        _ => throw KubeApiException.BadRequest($"field label not supported: {field}"),
    };
}
