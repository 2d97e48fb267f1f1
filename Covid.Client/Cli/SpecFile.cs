namespace Covid.Cli;

/// <summary>Reads and checks a spec file locally, so a typo is reported with the file's name before anything is sent.</summary>
internal static class SpecFile
{
    public static async Task<SpecDocument> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The spec file '{path}' does not exist.", path);
        }

        var json = await File.ReadAllTextAsync(path, cancellationToken);
        try
        {
            return SpecDocument.Parse(json);
        }
        catch (CovidException e)
        {
            throw new CovidException(e.StatusCode, $"{path}: {e.Message}", e.FieldViolations, e);
        }
    }
}
