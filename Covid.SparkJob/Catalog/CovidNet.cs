namespace Covid.SparkJob.Catalog;

/// <summary>
/// COVID-NET laboratory-confirmed COVID-19-associated hospitalization rates per 100,000, as the
/// CDC's COVID-NET interactive download writes them (export of 2021-11-12): two title lines before
/// the header, CRLF lines, <c>null</c> rates for weeks after the download, and a blank line then a
/// "Disclaimer:" paragraph after the data.
/// </summary>
/// <remarks>
/// The export has no calendar date. <c>WEEK_END_DATE</c> is derived at ingestion from MMWR-YEAR and
/// MMWR-WEEK: the Saturday ending that MMWR week. It is the field time buckets run along.
/// The header writes "WEEKLY RATE " with a trailing space; the header check insists on it, and the
/// field is named "WEEKLY RATE" so specs need not carry an invisible space.
/// </remarks>
public static class CovidNet
{
    public const string Name = "cdc-covid-net";
    public const string WeekEndDate = "WEEK_END_DATE";
    public const string NullToken = "null";

    public static DatasetSchema Schema { get; } = new(
        Name,
        "COVID-NET COVID-19-associated hospitalization rates per 100,000 (CDC COVID-NET download)",
        WeekEndDate,
        [
            new("CATCHMENT", FieldType.String, true, "Catchment area: a state's surveillance counties, or \"Entire Network\""),
            new("NETWORK", FieldType.String, true, "COVID-NET (all), EIP (Emerging Infections Program) or IHSP (Influenza Hospitalization Surveillance Project)"),
            new("YEAR", FieldType.String, true, "Surveillance season, e.g. 2020-21"),
            new("MMWR-YEAR", FieldType.Int64, true, "MMWR year of the week"),
            new("MMWR-WEEK", FieldType.Int64, true, "MMWR week number (1..53)"),
            new("AGE CATEGORY", FieldType.String, true, "Age group (\"Overall\", \"0-4 yr\", \"65+ yr\", \"85+\", \"< 18\", \">= 18\", ... as written, overlapping groups included)"),
            new("SEX", FieldType.String, true, "Overall, Male or Female"),
            new("RACE", FieldType.String, true, "Overall or a race/ethnicity group"),
            new("CUMULATIVE RATE", FieldType.Double, false, "Cumulative hospitalizations per 100,000 since the season began; null for weeks after the download")
            {
                NullTokens = [NullToken],
            },
            new("WEEKLY RATE", FieldType.Double, false, "Hospitalizations per 100,000 in the week; null for weeks after the download")
            {
                HeaderName = "WEEKLY RATE ",
                NullTokens = [NullToken],
            },
            new(WeekEndDate, FieldType.Date, true, "Derived at ingestion: the Saturday ending MMWR-WEEK of MMWR-YEAR")
            {
                DerivedFrom = new MmwrWeekEnd("MMWR-YEAR", "MMWR-WEEK"),
            },
        ])
    {
        TitleLines = 2,
        FooterMarker = "Disclaimer:",
    };
}
