using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Covid.Tests.Support;

/// <summary>One field of a message instance, where it sits and whether it holds a non-default value.</summary>
internal sealed record ProtoLeaf(string Path, IMessage Owner, FieldDescriptor Field, bool IsSet);

/// <summary>Walks protobuf messages by reflection, so a test can ask about every field the contract has, today's and tomorrow's.</summary>
internal static class ProtoFields
{
    /// <summary>Every field of every message type reachable from <paramref name="root"/>, as "covid.v1.Message.field".</summary>
    public static SortedSet<string> All(MessageDescriptor root)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>();
        void Visit(MessageDescriptor message)
        {
            if (!seen.Add(message.FullName))
            {
                return;
            }
            foreach (var field in message.Fields.InDeclarationOrder())
            {
                names.Add(Name(field));
                if (field.FieldType == FieldType.Message)
                {
                    Visit(field.MessageType);
                }
            }
        }
        Visit(root);
        return names;
    }

    /// <summary>The fields of <paramref name="message"/> and of every message under it, depth first (unset sub-messages are not entered).</summary>
    public static IEnumerable<ProtoLeaf> Leaves(IMessage message, string path = "")
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var here = path.Length == 0 ? field.JsonName : $"{path}.{field.JsonName}";
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                var list = (IList)value;
                yield return new ProtoLeaf(here, message, field, list.Count > 0);
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is IMessage item)
                    {
                        foreach (var leaf in Leaves(item, $"{here}[{i}]")) yield return leaf;
                    }
                }
                continue;
            }
            yield return new ProtoLeaf(here, message, field, !IsDefault(value));
            if (value is IMessage child)
            {
                foreach (var leaf in Leaves(child, here)) yield return leaf;
            }
        }
    }

    /// <summary>"covid.v1.Message.field".</summary>
    public static string Name(FieldDescriptor field) => $"{field.ContainingType.FullName}.{field.Name}";

    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        bool b => !b,
        Enum e => Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture) == 0,
        int or long or uint or ulong or float or double => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) == 0,
        ByteString bytes => bytes.IsEmpty,
        _ => false,
    };
}
