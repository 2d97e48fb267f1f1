namespace Covid.SparkJob.Catalog;

/// <summary>
/// data.cdc.gov unsk-b7fc "COVID-19 Vaccinations in the United States, Jurisdiction", in its early
/// 69-column layout (the 2021-05-30 export): one row per location and day, cumulative counts.
/// Counts are integers; percentages and per-100k rates are decimals (Double) even where an export
/// happens to write whole numbers, because later exports of the same columns write fractions.
/// </summary>
public static class VaccinationsJurisdiction
{
    public const string Name = "cdc-vaccinations-jurisdiction";

    public static DatasetSchema Schema { get; } = new(
        Name,
        "COVID-19 Vaccinations in the United States, Jurisdiction (data.cdc.gov unsk-b7fc, 69-column layout)",
        "Date",
        [
            new("Date", FieldType.Date, true, "Date data are reported on CDC COVID Data Tracker (MM/DD/YYYY in the export)", CasesDeathsByState.DateFormat),
            new("MMWR_week", FieldType.Int64, true, "MMWR week of Date"),
            new("Location", FieldType.String, true, "Jurisdiction: state, DC or territory code, US for the nation, or a federal entity (BP2, DD2, IH2, VA2, LTC, ...)"),
            Count("Distributed", "Doses delivered to the location"),
            Count("Distributed_Janssen", "Doses delivered: Janssen"),
            Count("Distributed_Moderna", "Doses delivered: Moderna"),
            Count("Distributed_Pfizer", "Doses delivered: Pfizer-BioNTech"),
            Count("Distributed_Unk_Manuf", "Doses delivered: unknown manufacturer"),
            Rate("Dist_Per_100K", "Doses delivered per 100,000 population"),
            Rate("Distributed_Per_100k_12Plus", "Doses delivered per 100,000 people aged 12+"),
            Rate("Distributed_Per_100k_18Plus", "Doses delivered per 100,000 people aged 18+"),
            Rate("Distributed_Per_100k_65Plus", "Doses delivered per 100,000 people aged 65+"),
            Count("Administered", "Doses administered"),
            Count("Administered_12Plus", "Doses administered to people aged 12+"),
            Count("Administered_18Plus", "Doses administered to people aged 18+"),
            Count("Administered_65Plus", "Doses administered to people aged 65+"),
            Count("Administered_Janssen", "Doses administered: Janssen"),
            Count("Administered_Moderna", "Doses administered: Moderna"),
            Count("Administered_Pfizer", "Doses administered: Pfizer-BioNTech"),
            Count("Administered_Unk_Manuf", "Doses administered: unknown manufacturer"),
            Count("Administered_Fed_LTC", "Federal Pharmacy Partnership for long-term care: doses administered"),
            Count("Administered_Fed_LTC_Residents", "Federal Pharmacy Partnership for long-term care: doses administered to residents"),
            Count("Administered_Fed_LTC_Staff", "Federal Pharmacy Partnership for long-term care: doses administered to staff"),
            Count("Administered_Fed_LTC_Unk", "Federal Pharmacy Partnership for long-term care: doses administered to people of unknown role"),
            Count("Administered_Fed_LTC_Dose1", "Federal Pharmacy Partnership for long-term care: first doses administered"),
            Count("Administered_Fed_LTC_Dose1_Residents", "Federal Pharmacy Partnership for long-term care: first doses administered to residents"),
            Count("Administered_Fed_LTC_Dose1_Staff", "Federal Pharmacy Partnership for long-term care: first doses administered to staff"),
            Count("Administered_Fed_LTC_Dose1_Unk", "Federal Pharmacy Partnership for long-term care: first doses administered to people of unknown role"),
            Rate("Admin_Per_100K", "Doses administered per 100,000 population"),
            Rate("Admin_Per_100k_12Plus", "Doses administered per 100,000 people aged 12+"),
            Rate("Admin_Per_100k_18Plus", "Doses administered per 100,000 people aged 18+"),
            Rate("Admin_Per_100k_65Plus", "Doses administered per 100,000 people aged 65+"),
            Count("Recip_Administered", "Doses administered, by the recipient's jurisdiction"),
            Count("Administered_Dose1_Recip", "People with at least one dose"),
            Rate("Administered_Dose1_Pop_Pct", "Percent of the population with at least one dose"),
            Count("Administered_Dose1_Recip_12Plus", "People aged 12+ with at least one dose"),
            Rate("Administered_Dose1_Recip_12PlusPop_Pct", "Percent of people aged 12+ with at least one dose"),
            Count("Administered_Dose1_Recip_18Plus", "People aged 18+ with at least one dose"),
            Rate("Administered_Dose1_Recip_18PlusPop_Pct", "Percent of people aged 18+ with at least one dose"),
            Count("Administered_Dose1_Recip_65Plus", "People aged 65+ with at least one dose"),
            Rate("Administered_Dose1_Recip_65PlusPop_Pct", "Percent of people aged 65+ with at least one dose"),
            Count("Series_Complete_Yes", "People fully vaccinated"),
            Rate("Series_Complete_Pop_Pct", "Percent of the population fully vaccinated"),
            Count("Series_Complete_12Plus", "People aged 12+ fully vaccinated"),
            Rate("Series_Complete_12PlusPop_Pct", "Percent of people aged 12+ fully vaccinated"),
            Count("Series_Complete_18Plus", "People aged 18+ fully vaccinated"),
            Rate("Series_Complete_18PlusPop_Pct", "Percent of people aged 18+ fully vaccinated"),
            Count("Series_Complete_65Plus", "People aged 65+ fully vaccinated"),
            Rate("Series_Complete_65PlusPop_Pct", "Percent of people aged 65+ fully vaccinated"),
            Count("Series_Complete_Janssen", "People fully vaccinated with Janssen"),
            Count("Series_Complete_Moderna", "People fully vaccinated with Moderna"),
            Count("Series_Complete_Pfizer", "People fully vaccinated with Pfizer-BioNTech"),
            Count("Series_Complete_Unk_Manuf", "People fully vaccinated with unknown manufacturer"),
            Count("Series_Complete_Janssen_12Plus", "People fully vaccinated with Janssen, aged 12+"),
            Count("Series_Complete_Moderna_12Plus", "People fully vaccinated with Moderna, aged 12+"),
            Count("Series_Complete_Pfizer_12Plus", "People fully vaccinated with Pfizer-BioNTech, aged 12+"),
            Count("Series_Complete_Unk_Manuf_12Plus", "People fully vaccinated with unknown manufacturer, aged 12+"),
            Count("Series_Complete_Janssen_18Plus", "People fully vaccinated with Janssen, aged 18+"),
            Count("Series_Complete_Moderna_18Plus", "People fully vaccinated with Moderna, aged 18+"),
            Count("Series_Complete_Pfizer_18Plus", "People fully vaccinated with Pfizer-BioNTech, aged 18+"),
            Count("Series_Complete_Unk_Manuf_18Plus", "People fully vaccinated with unknown manufacturer, aged 18+"),
            Count("Series_Complete_Janssen_65Plus", "People fully vaccinated with Janssen, aged 65+"),
            Count("Series_Complete_Moderna_65Plus", "People fully vaccinated with Moderna, aged 65+"),
            Count("Series_Complete_Pfizer_65Plus", "People fully vaccinated with Pfizer-BioNTech, aged 65+"),
            Count("Series_Complete_Unk_Manuf_65Plus", "People fully vaccinated with unknown manufacturer, aged 65+"),
            Count("Series_Complete_FedLTC", "Federal Pharmacy Partnership for long-term care: people fully vaccinated"),
            Count("Series_Complete_FedLTC_Residents", "Federal Pharmacy Partnership for long-term care: residents fully vaccinated"),
            Count("Series_Complete_FedLTC_Staff", "Federal Pharmacy Partnership for long-term care: staff fully vaccinated"),
            Count("Series_Complete_FedLTC_Unknown", "Federal Pharmacy Partnership for long-term care: people of unknown role fully vaccinated"),
        ])
    {
        // Federal entities and "US" have no state population; per-100k gives null for them.
        PopulationKey = "Location",
    };

    private static SchemaField Count(string name, string description) => new(name, FieldType.Int64, false, description);

    private static SchemaField Rate(string name, string description) => new(name, FieldType.Double, false, description);
}
