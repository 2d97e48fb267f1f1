namespace Covid.Server.Spark;

/// <summary>The Spark driver ended without a result; the message is the analysis' failure reason.</summary>
public sealed class SparkDriverException(string message) : Exception(message);
