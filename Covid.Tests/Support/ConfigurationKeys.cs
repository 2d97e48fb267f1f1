using System.Collections;
using System.Reflection;

namespace Covid.Tests.Support;

/// <summary>
/// Every configuration key the server binds, read off its options classes (each declares its
/// section as <c>public const string Section</c>): <c>Data:Directory</c>, dictionary entries as
/// <c>Data:InPlace:NAME:Path</c>, list entries as <c>Auth:ApiKeys:{i}:Hash</c>.
/// </summary>
internal static class ConfigurationKeys
{
    /// <summary>A bound key and the default the options class gives it (null for none).</summary>
    public sealed record Key(string Name, object? Default);

    public static IReadOnlyList<Key> Of(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t.IsClass && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .SelectMany(t => Flatten((string)t.GetField("Section")!.GetRawConstantValue()!, t, Activator.CreateInstance(t)))
            .OrderBy(k => k.Name, StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<Key> Flatten(string prefix, Type type, object? instance)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic))
        {
            var name = prefix + ":" + property.Name;
            var value = instance is null ? null : property.GetValue(instance);
            var propertyType = property.PropertyType;
            if (IsScalar(propertyType))
            {
                yield return new Key(name, value);
            }
            else if (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                foreach (var key in Entries(name + ":NAME", propertyType.GetGenericArguments()[1]))
                {
                    yield return key;
                }
            }
            else if (propertyType.IsArray || (propertyType.IsGenericType && typeof(IEnumerable).IsAssignableFrom(propertyType)))
            {
                var element = propertyType.IsArray ? propertyType.GetElementType()! : propertyType.GetGenericArguments()[0];
                foreach (var key in Entries(name + ":{i}", element))
                {
                    yield return key;
                }
            }
            else
            {
                foreach (var key in Flatten(name, propertyType, value))
                {
                    yield return key;
                }
            }
        }
    }

    private static IEnumerable<Key> Entries(string name, Type element) =>
        IsScalar(element) ? [new Key(name, null)] : Flatten(name, element, null);

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan) || t == typeof(Uri);
    }
}
