using Covid.SparkJob.Errors;

namespace Covid.SparkJob.Validation;

/// <summary>A spec that cannot run; carries every violation found, not just the first.</summary>
public sealed class SpecValidationException(IReadOnlyList<FieldViolation> violations)
    : ServiceException(ErrorCode.InvalidArgument,
        "invalid analysis spec: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")), violations);
