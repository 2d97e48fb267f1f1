namespace Covid.Tests.Support;

/// <summary>The current surveillance exports in ../shared/data/cdc/ (see its README), with the schema each is loaded with.</summary>
internal static class CurrentCdcFiles
{
    public const string Nhsn = "cdc_ua7e-t2fy_nhsn_hospital_respiratory_2026-07-17.csv";
    public const string NchsDeaths = "cdc_r8kw-7aab_nchs_provisional_deaths_by_week_2023-12-07.csv";
    public const string WeeklyCases = "cdc_pwn4-m3yp_weekly_cases_deaths_by_state_2023-01-12.csv";
    public const string CovidNetRates = "cdc_6jg4-xsqq_covid_net_weekly_rates_2025-07-24.csv";
    public const string RespNet = "cdc_kvib-3txy_resp_net_rates_2025-07-25.csv";
    public const string RespLens = "cdc_ch5i-63ve_resp_lens_lab_positivity_2026-07-07.csv";

    /// <summary>Schema name → file.</summary>
    public static IReadOnlyDictionary<string, string> BySchema { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["nhsn-hospital-respiratory"] = Nhsn,
        ["nchs-provisional-deaths"] = NchsDeaths,
        ["cdc-weekly-cases-deaths-by-state"] = WeeklyCases,
        ["covid-net-rates"] = CovidNetRates,
        ["resp-net-rates"] = RespNet,
        ["resp-lens-positivity"] = RespLens,
    };
}
