using Covid.Synthetic;

namespace Covid.Cli.Generation;

/// <summary>
/// Writes SYNTHETIC rows in the layout of CDC's "COVID-19 Case Surveillance Public Use Data"
/// (data.cdc.gov vbim-akqf): the same 12-column header, YYYY/MM/DD dates, and the categories CDC
/// writes, "Missing"/"Unknown"/"NA" included. No row is a real case. Rows are independent draws:
/// case dates follow the 2020-2023 waves, demographics and outcome rates follow published national
/// shares, and outcomes depend on age and period. Streaming and deterministic: the same seed gives
/// the same bytes, and a shorter file is a prefix of a longer one.
/// </summary>
public static class CaseSurveillanceGenerator
{
    /// <summary>The header line of the vbim-akqf export.</summary>
    public const string Header =
        "cdc_case_earliest_dt,cdc_report_dt,pos_spec_dt,onset_dt,current_status,sex,age_group,race_ethnicity_combined,hosp_yn,icu_yn,death_yn,medcond_yn";

    /// <summary>The schema name of the layout written.</summary>
    public const string SchemaName = "cdc-case-surveillance";

    /// <summary>Writes the header and <paramref name="rows"/> rows to <paramref name="writer"/>, "\n"-terminated.</summary>
    /// <param name="writer">Where to write; buffered by the caller.</param>
    /// <param name="rows">Number of data rows, 0 or more.</param>
    /// <param name="seed">Selects the stream of rows; the same seed always gives the same file.</param>
    /// <param name="progress">Told the rows written so far, every 65,536 rows and at the end.</param>
    /// <param name="cancellationToken">Checked every 65,536 rows.</param>
    public static void Write(TextWriter writer, long rows, ulong seed = 1, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var model = CaseModel.Shared;
        // Mix the seed so seeds 1, 2, 3 do not start from neighbouring states.
        var random = new SplitMix64(new SplitMix64(seed ^ 0x5DEECE66DUL).Next());
        writer.Write(Header);
        writer.Write('\n');
        for (var row = 1L; row <= rows; row++)
        {
            model.WriteRow(writer, ref random);
            if ((row & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(row);
            }
        }
        progress?.Report(rows);
    }
}
