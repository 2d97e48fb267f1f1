namespace Covid.SparkJob.Errors;

/// <summary>One thing wrong with a request, by proto field path (e.g. "spec.filters[0].values[2]").</summary>
public sealed record FieldViolation(string Field, string Description);
