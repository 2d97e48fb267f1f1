using System.Globalization;

namespace Covid.SparkJob.Datasets;

/// <summary>
/// Which version of a dataset a spec reads. Every load of a name is a new version, numbered in
/// load order; without <c>asOf</c> or <c>version</c> a spec reads the newest (the highest number).
/// <c>asOf</c> a date reads the version with the latest data-as-of on or before that day, as an
/// analyst asking "what did we know then" means it (ties: the later load), whatever order the
/// files were loaded in.
/// </summary>
public static class DatasetVersions
{
    public static DatasetInfo? Newest(IReadOnlyList<DatasetInfo> versions) => versions.MaxBy(v => v.Version);

    public static DatasetInfo? Number(IReadOnlyList<DatasetInfo> versions, int number) => versions.FirstOrDefault(v => v.Version == number);

    public static DatasetInfo? AsOf(IReadOnlyList<DatasetInfo> versions, DateOnly date) =>
        versions.Where(v => v.AsOf <= date).MaxBy(v => (v.AsOf, v.Version));

    /// <summary>"3 (data as of 2020-09-24), 4 (…)": the kept versions, for error messages.</summary>
    public static string Describe(IReadOnlyList<DatasetInfo> versions) =>
        string.Join(", ", versions.OrderBy(v => v.Version).Select(v => $"{v.Version.ToString(CultureInfo.InvariantCulture)} (data as of {Day(v.AsOf)})"));

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
