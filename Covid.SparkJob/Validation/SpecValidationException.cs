namespace Covid.SparkJob.Validation;

/// <summary>A spec that cannot run; carries every violation found, not just the first.</summary>
public sealed class SpecValidationException(IReadOnlyList<FieldViolation> violations)
    : Exception(string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;
}
