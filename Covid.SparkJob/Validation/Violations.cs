using Covid.SparkJob.Errors;
namespace Covid.SparkJob.Validation;

/// <summary>Collects violations and formats user values in messages, cut short so a hostile spec cannot flood them.</summary>
internal sealed class Violations
{
    private const int MaxShown = 80;
    private readonly List<FieldViolation> _items = [];

    public IReadOnlyList<FieldViolation> Items => _items;

    public bool Any => _items.Count > 0;

    public void Add(string field, string description) => _items.Add(new FieldViolation(field, description));

    public static string Quote(string value) =>
        value.Length <= MaxShown ? $"'{value}'" : $"'{value[..MaxShown]}…' ({value.Length} characters)";

    public static string List(IEnumerable<string> names) => string.Join(", ", names);
}
