using System.Globalization;
using System.Text.Json;
using Covid.Server.Hosting;
using Covid.Tests.Support;
using Covid.V1;
using Google.Protobuf.Reflection;

namespace Covid.Tests.Architecture;

/// <summary>
/// The README cannot go stale: every configuration key the server binds is in its configuration
/// table with the code's default (which appsettings.json must not contradict), every field and
/// enum value of AnalysisSpec is in the spec reference, and every RPC is in the API section.
/// </summary>
public sealed class ReadmeTests
{
    private static readonly ReadmeDocument Readme = ReadmeDocument.Load();

    [Fact]
    public void ConfigurationTable_ListsEveryBoundKeyWithItsDefault()
    {
        var rows = ConfigurationRows();
        var keys = ConfigurationKeys.Of(typeof(CovidServer).Assembly);

        Assert.True(keys.Count > 30, $"only {keys.Count} keys found");
        var missing = keys.Where(k => !rows.ContainsKey(k.Name)).Select(k => k.Name).ToList();
        Assert.True(missing.Count == 0, "missing from README's configuration table: " + string.Join(", ", missing));
        var wrong = keys.Where(k => !DefaultAgrees(k.Default, rows[k.Name])).Select(k => $"{k.Name}: code says {Show(k.Default)}, README says '{rows[k.Name]}'").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Appsettings_AgreesWithTheCodeDefaults()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(ReadmeDocument.RepositoryRoot(), "Covid.Server", "appsettings.json")));
        var keys = ConfigurationKeys.Of(typeof(CovidServer).Assembly).ToDictionary(k => k.Name);
        var contradictions = new List<string>();
        foreach (var (name, value) in Leaves(json.RootElement, ""))
        {
            if (keys.TryGetValue(name, out var key) && !DefaultAgrees(key.Default, value))
            {
                contradictions.Add($"{name}: appsettings.json says {value}, the code default is {Show(key.Default)}");
            }
        }

        Assert.True(contradictions.Count == 0, string.Join("\n", contradictions));
    }

    [Fact]
    public void SpecReference_DocumentsEveryFieldAndEnumValue()
    {
        var tokens = ReadmeDocument.CodeTokens(Readme.Section("The analysis spec"));
        var (paths, enumValues) = SpecFields(AnalysisSpec.Descriptor, "");

        Assert.Contains("metrics[].ratio.numerator", paths);
        var undocumented = paths.Concat(enumValues).Where(p => !tokens.Contains(p)).ToList();
        Assert.True(undocumented.Count == 0, "missing from README's spec reference: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void ApiSection_DocumentsEveryRpc()
    {
        var tokens = ReadmeDocument.CodeTokens(Readme.Section("The API"));
        var rpcs = new[] { AnalysisService.Descriptor, DatasetService.Descriptor }
            .SelectMany(s => s.Methods.Select(m => $"{s.Name}/{m.Name}"))
            .ToList();

        Assert.True(rpcs.Count >= 11);
        var undocumented = rpcs.Where(r => !tokens.Contains(r)).ToList();
        Assert.True(undocumented.Count == 0, "missing from README's API section: " + string.Join(", ", undocumented));
    }

    /// <summary>Key → default cell of README's configuration table; "`A:B:C`, `:D`" rows name A:B:C and A:B:D.</summary>
    private static Dictionary<string, string> ConfigurationRows()
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cells in ReadmeDocument.TableRows(Readme.Section("Configuration")))
        {
            string? last = null;
            foreach (var token in ReadmeDocument.CodeTokens(cells[0]))
            {
                var key = token.StartsWith(':') && last is not null ? last[..last.LastIndexOf(':')] + token : token;
                rows[key] = cells.Length > 1 ? cells[1] : "";
                last = key;
            }
        }
        return rows;
    }

    private static bool DefaultAgrees(object? value, string cell)
    {
        var text = cell.Replace("`", "", StringComparison.Ordinal).Trim();
        return value switch
        {
            null => true,
            bool b => text == (b ? "true" : "false"),
            string s => s.Length == 0 ? text is "—" or "" : text.Contains(s, StringComparison.Ordinal),
            TimeSpan t => TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed) && parsed == t,
            Enum e => text.Contains(e.ToString(), StringComparison.OrdinalIgnoreCase),
            IConvertible n => NumberForms(Convert.ToDecimal(n, CultureInfo.InvariantCulture)).Contains(text),
            _ => true,
        };
    }

    private static HashSet<string> NumberForms(decimal value)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal)
        {
            value.ToString(CultureInfo.InvariantCulture),
            value.ToString("N0", CultureInfo.InvariantCulture),
        };
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        var scaled = value;
        foreach (var unit in units)
        {
            if (scaled == 0 || scaled % 1024 != 0)
            {
                break;
            }
            scaled /= 1024;
            forms.Add($"{scaled.ToString(CultureInfo.InvariantCulture)} {unit}");
        }
        return forms;
    }

    private static IEnumerable<(string Name, string Value)> Leaves(JsonElement element, string prefix)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                foreach (var leaf in Leaves(property.Value, prefix.Length == 0 ? property.Name : prefix + ":" + property.Name))
                {
                    yield return leaf;
                }
            }
        }
        else
        {
            yield return (prefix, element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText());
        }
    }

    /// <summary>The JSON paths of every scalar field under <paramref name="message"/> ("metrics[].ratio.numerator") and every enum value name.</summary>
    private static (List<string> Paths, List<string> EnumValues) SpecFields(MessageDescriptor message, string prefix)
    {
        var paths = new List<string>();
        var values = new List<string>();
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            var path = prefix + field.JsonName + (field.IsRepeated ? "[]" : "");
            if (field.FieldType == FieldType.Message)
            {
                var (inner, innerValues) = SpecFields(field.MessageType, path + ".");
                paths.AddRange(inner);
                values.AddRange(innerValues);
                continue;
            }
            paths.Add(path);
            if (field.FieldType == FieldType.Enum)
            {
                values.AddRange(field.EnumType.Values.Where(v => v.Number != 0).Select(v => v.Name));
            }
        }
        return (paths, values.Distinct().ToList());
    }

    private static string Show(object? value) => value switch
    {
        null => "none",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
