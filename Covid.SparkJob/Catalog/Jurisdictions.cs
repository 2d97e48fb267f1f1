namespace Covid.SparkJob.Catalog;

/// <summary>
/// The 60 jurisdictions 9mfq-cb36 reports: 50 states, DC, New York City apart from New York State,
/// and eight territories and freely associated states.
/// </summary>
public static class Jurisdictions
{
    public static IReadOnlyList<string> Codes { get; } =
    [
        "AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DE", "FL", "GA",
        "HI", "IA", "ID", "IL", "IN", "KS", "KY", "LA", "MA", "MD",
        "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH",
        "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "RI", "SC",
        "SD", "TN", "TX", "UT", "VA", "VT", "WA", "WI", "WV", "WY",
        "DC", "NYC", "PR", "GU", "VI", "AS", "MP", "FSM", "PW", "RMI",
    ];

    private static readonly HashSet<string> CodeSet = new(Codes, StringComparer.Ordinal);

    /// <summary>The field whose values are jurisdiction codes, checked at validation.</summary>
    public const string StateField = "state";

    public static bool IsKnown(string code) => CodeSet.Contains(code);
}
