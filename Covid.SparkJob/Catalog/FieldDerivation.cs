namespace Covid.SparkJob.Catalog;

/// <summary>How a field that is no column of the file is computed from fields that are.</summary>
public abstract record FieldDerivation
{
    /// <summary>
    /// True when the value is computed where rows are read, in the query (both engines, either
    /// storage), rather than once at load; geography is, so a schema's coding can be corrected
    /// without reloading data.
    /// </summary>
    public abstract bool InQuery { get; }
}

/// <summary>The normalised <c>jurisdiction</c> or the <c>geo_level</c> of the dataset's geography field.</summary>
/// <param name="Level">True for geo_level, false for jurisdiction.</param>
public sealed record GeographyDerivation(string GeographyField, bool Level) : FieldDerivation
{
    public override bool InQuery => true;
}
