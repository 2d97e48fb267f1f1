namespace Covid.SparkJob.Catalog;

/// <summary>
/// data.cdc.gov vbim-akqf "COVID-19 Case Surveillance Public Use Data": one row per case, 12
/// columns, no geography. The CSV export writes dates YYYY/MM/DD (e.g. 2020/11/10; public
/// pipelines over the raw export parse them with the pattern %Y/%m/%d). "Missing", "Unknown" and
/// "NA" are categories CDC distinguishes (not collected / not known / not applicable or suppressed),
/// so they are kept as values; only an empty cell is null.
/// </summary>
public static class CaseSurveillance
{
    public const string Name = "cdc-case-surveillance";
    public const string DateFormat = "yyyy/MM/dd";

    public static IReadOnlyList<string> CurrentStatus { get; } = ["Laboratory-confirmed case", "Probable Case"];

    public static IReadOnlyList<string> Sex { get; } = ["Female", "Male", "Other", "Unknown", "Missing", "NA"];

    public static IReadOnlyList<string> AgeGroups { get; } =
    [
        "0 - 9 Years", "10 - 19 Years", "20 - 29 Years", "30 - 39 Years", "40 - 49 Years",
        "50 - 59 Years", "60 - 69 Years", "70 - 79 Years", "80+ Years", "Missing", "NA",
    ];

    public static IReadOnlyList<string> RaceEthnicity { get; } =
    [
        "American Indian/Alaska Native, Non-Hispanic", "Asian, Non-Hispanic", "Black, Non-Hispanic",
        "Hispanic/Latino", "Multiple/Other, Non-Hispanic", "Native Hawaiian/Other Pacific Islander, Non-Hispanic",
        "White, Non-Hispanic", "Unknown", "Missing", "NA",
    ];

    /// <summary>What the four *_yn columns hold.</summary>
    public static IReadOnlyList<string> YesNo { get; } = ["Yes", "No", "Unknown", "Missing"];

    public static DatasetSchema Schema { get; } = new(
        Name,
        "COVID-19 Case Surveillance Public Use Data (data.cdc.gov vbim-akqf)",
        "cdc_case_earliest_dt",
        [
            Date("cdc_case_earliest_dt", "The earliest available date for the case (of report, specimen or onset); YYYY/MM/DD"),
            Date("cdc_report_dt", "Date the case was first reported to CDC (deprecated by CDC); empty when unknown"),
            Date("pos_spec_dt", "Date of the first positive specimen collection; empty when unknown"),
            Date("onset_dt", "Symptom onset date, if symptomatic; empty when unknown"),
            Category("current_status", "Laboratory-confirmed case or Probable Case"),
            Category("sex", "Female, Male, Other, Unknown, Missing or NA"),
            Category("age_group", "Ten-year age groups \"0 - 9 Years\" .. \"80+ Years\", Missing or NA"),
            Category("race_ethnicity_combined", "Race and ethnicity combined (e.g. \"Black, Non-Hispanic\", \"Hispanic/Latino\"), Unknown, Missing or NA"),
            Category("hosp_yn", "Hospitalized: Yes, No, Unknown or Missing"),
            Category("icu_yn", "Admitted to an ICU: Yes, No, Unknown or Missing"),
            Category("death_yn", "Died as a result of this illness: Yes, No, Unknown or Missing"),
            Category("medcond_yn", "Has an underlying comorbidity or disease: Yes, No, Unknown or Missing"),
        ]);

    private static SchemaField Date(string name, string description) => new(name, FieldType.Date, true, description, DateFormat);

    private static SchemaField Category(string name, string description) => new(name, FieldType.String, true, description);
}
