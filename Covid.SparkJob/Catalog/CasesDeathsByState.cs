namespace Covid.SparkJob.Catalog;

/// <summary>
/// data.cdc.gov 9mfq-cb36, column for column as the portal exports it: the header order is part of
/// the schema because uploads are checked against it.
/// </summary>
public static class CasesDeathsByState
{
    public const string Name = "cdc-cases-deaths-by-state";
    public const string DateFormat = "MM/dd/yyyy";
    public const string TimestampFormat = "MM/dd/yyyy hh:mm:ss tt";

    public static DatasetSchema Schema { get; } = new(
        Name,
        "United States COVID-19 Cases and Deaths by State over Time (data.cdc.gov 9mfq-cb36)",
        "submission_date",
        [
            new("submission_date", FieldType.Date, true, "Date of counts (MM/DD/YYYY in the export)", DateFormat),
            new("state", FieldType.String, true, "Jurisdiction: a state, DC, NYC (apart from NY), or a territory code"),
            Count("tot_cases", "Total cases"),
            Count("conf_cases", "Total confirmed cases (empty where not reported)"),
            Count("prob_cases", "Total probable cases (empty where not reported)"),
            Count("new_case", "New cases; negative after back-revisions"),
            Count("pnew_case", "New probable cases"),
            Count("tot_death", "Total deaths"),
            Count("conf_death", "Total confirmed deaths (empty where not reported)"),
            Count("prob_death", "Total probable deaths (empty where not reported)"),
            Count("new_death", "New deaths; negative after back-revisions"),
            Count("pnew_death", "New probable deaths"),
            new("created_at", FieldType.Timestamp, false, "When the record was created (MM/DD/YYYY hh:mm:ss AM)", TimestampFormat),
            new("consent_cases", FieldType.String, true, "Whether the jurisdiction consents to CDC reporting its case breakdown: Agree, Not agree, N/A or empty"),
            new("consent_deaths", FieldType.String, true, "Whether the jurisdiction consents to CDC reporting its death breakdown: Agree, Not agree, N/A or empty"),
        ])
    {
        PopulationKey = "state",
    };

    private static SchemaField Count(string name, string description) =>
        new(name, FieldType.Int64, false, description);
}
