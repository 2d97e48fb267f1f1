namespace Covid.Client;

/// <summary>One thing wrong with a request, from the server's google.rpc.BadRequest details.</summary>
/// <param name="Field">The path of the field, e.g. "spec.filters[0].values[1]".</param>
/// <param name="Description">What is wrong with it.</param>
public sealed record FieldViolation(string Field, string Description);
