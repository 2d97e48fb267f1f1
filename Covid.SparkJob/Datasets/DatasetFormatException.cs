using Covid.SparkJob.Errors;

namespace Covid.SparkJob.Datasets;

/// <summary>A dataset file that does not match its schema, at a 1-based line of the file.</summary>
public sealed class DatasetFormatException(int line, string message)
    : ServiceException(ErrorCode.InvalidArgument, $"line {line}, {message}",
        [new FieldViolation("chunk", $"line {line}, {message}")])
{
    /// <summary>The 1-based line of the file (1 is the header).</summary>
    public int Line { get; } = line;

    /// <summary>What is wrong, without the line prefix (e.g. "column new_case: 'abc' is not an integer").</summary>
    public string Problem { get; } = message;
}
