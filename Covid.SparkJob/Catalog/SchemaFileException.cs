namespace Covid.SparkJob.Catalog;

/// <summary>
/// A schema file that cannot be used, naming the file and the JSON path of the problem
/// ("schema file nhsn.json: $.fields[3].type: 'integer' is not a type; …"). The server stops its
/// start with it rather than run without a dataset an operator meant to add.
/// </summary>
public sealed class SchemaFileException(string file, string path, string problem)
    : Exception($"schema file {file}: {path}: {problem}")
{
    public string File { get; } = file;

    /// <summary>The JSON path of the offending key, e.g. "$.fields[3].type" ("$" for the whole file).</summary>
    public string JsonPath { get; } = path;

    public string Problem { get; } = problem;
}
