namespace Covid.Cli;

/// <summary>Reads and checks a spec file locally, so a typo is reported with the file's name before anything is sent.</summary>
internal static class SpecFile
{
    /// <summary>Where in <see cref="Exception.Data"/> a spec's failure names its file, for the error lines.</summary>
    public const string PathKey = "covid.spec-file";

    public static async Task<AnalysisSpec> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The spec file '{path}' does not exist.", path);
        }

        var json = await File.ReadAllTextAsync(path, cancellationToken);
        try
        {
            var spec = AnalysisSpec.FromJson(json);
            var violations = spec.Validate();
            return violations.Count == 0 ? spec : throw new InvalidSpecException("invalid analysis spec", violations);
        }
        catch (InvalidSpecException e)
        {
            throw new InvalidSpecException($"{path}: {e.Message}", e.FieldViolations, e) { Data = { [PathKey] = path } };
        }
    }
}
