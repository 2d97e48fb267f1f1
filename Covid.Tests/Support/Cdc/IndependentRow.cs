namespace Covid.Tests.Support.Cdc;

/// <summary>
/// One line of a 9mfq-cb36 export as the typed fields tests sum by hand — parsed by
/// <see cref="CdcRecord"/> (string.Split and int parsing, nothing shared with the engine), so
/// expected values in tests do not inherit the engine's mistakes.
/// </summary>
public sealed record IndependentRow(DateOnly Date, string State, long? NewCase, long? NewDeath, long? TotCases, string ConsentCases)
{
    public static IReadOnlyList<IndependentRow> ReadAll(string path) => CdcRecord.ReadAll(path).Select(From).ToList();

    internal static IndependentRow From(IReadOnlyDictionary<string, object?> record) => new(
        (DateOnly)record["submission_date"]!,
        (string)record["state"]!,
        (long?)record["new_case"],
        (long?)record["new_death"],
        (long?)record["tot_cases"],
        (string?)record["consent_cases"] ?? "");
}
