using System.Reflection;
using NetArchTest.Rules;

namespace Covid.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which others (from the IL, via NetArchTest), and the cycles
/// among them. Generated contract types (<c>Covid.V1</c>) are left out: they are the wire format,
/// not a room of the code.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, SortedSet<string>> edges = new(StringComparer.Ordinal);

    public NamespaceGraph(Assembly assembly, string rootNamespace)
    {
        Namespaces = assembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => n is not null && n.StartsWith(rootNamespace + ".", StringComparison.Ordinal))
            .Select(n => n!)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var from in Namespaces)
        {
            edges[from] = [];
            foreach (var to in Namespaces.Where(n => n != from))
            {
                var users = Types.InAssembly(assembly).That().ResideInNamespace(from).And().HaveDependencyOn(to).GetTypes()
                    // ResideInNamespace matches by prefix; keep types of this very namespace.
                    .Where(t => t.Namespace == from);
                if (users.Any())
                {
                    edges[from].Add(to);
                }
            }
        }
    }

    public IReadOnlySet<string> Namespaces { get; }

    public IReadOnlySet<string> Uses(string ns) => edges[ns];

    /// <summary>Every namespace that can reach itself, with one path that shows how ("A → B → A").</summary>
    public IReadOnlyList<string> Cycles()
    {
        var found = new List<string>();
        foreach (var start in Namespaces.Order(StringComparer.Ordinal))
        {
            if (PathBack(start) is { } path)
            {
                found.Add(string.Join(" → ", path));
            }
        }
        return found;
    }

    private List<string>? PathBack(string start)
    {
        var queue = new Queue<List<string>>();
        queue.Enqueue([start]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var path = queue.Dequeue();
            foreach (var next in edges[path[^1]])
            {
                if (next == start)
                {
                    return [.. path, start];
                }
                if (seen.Add(next))
                {
                    queue.Enqueue([.. path, next]);
                }
            }
        }
        return null;
    }
}
