namespace Covid.Client;

/// <summary>The type of a dataset field.</summary>
public enum FieldKind
{
    /// <summary>Not reported.</summary>
    Unspecified = 0,
    /// <summary>A calendar day.</summary>
    Date = 1,
    /// <summary>Text, e.g. a state code.</summary>
    String = 2,
    /// <summary>A whole number.</summary>
    Int64 = 3,
    /// <summary>A real number.</summary>
    Double = 4,
    /// <summary>A point in time.</summary>
    Timestamp = 5,
}
