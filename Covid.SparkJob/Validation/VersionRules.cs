using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Results;
using Covid.V1;

namespace Covid.SparkJob.Validation;

/// <summary>
/// <c>asOf</c>, <c>version</c> and <c>compareTo</c>: which versions of the dataset a spec reads,
/// and the revision columns a comparison adds (each must be a free name).
/// </summary>
internal static class VersionRules
{
    /// <summary>The version the spec reads: <c>version</c>, <c>asOf</c> or the newest; null (with a violation) when none fits.</summary>
    public static DatasetInfo? Resolve(AnalysisSpec spec, IDatasetLookup datasets, DatasetInfo newest, Violations v)
    {
        if (spec.Version == 0 && spec.AsOf.Length == 0)
        {
            return newest;
        }
        if (spec.Version != 0 && spec.AsOf.Length > 0)
        {
            v.Add("spec.version", "give asOf or version, not both");
            return null;
        }
        return Pick(spec.Dataset, datasets.Versions(spec.Dataset), spec.AsOf, spec.Version, "spec", v);
    }

    /// <summary>The version <c>compareTo</c> names; null without one, or (with a violation) when none fits.</summary>
    public static DatasetInfo? Compared(AnalysisSpec spec, IDatasetLookup datasets, Violations v)
    {
        if (spec.CompareTo is not { } compare)
        {
            return null;
        }
        if ((compare.Version != 0) == (compare.AsOf.Length > 0))
        {
            v.Add("spec.compare_to", "give the version to compare with as asOf (a day) or version (a number), one of them");
            return null;
        }
        return Pick(spec.Dataset, datasets.Versions(spec.Dataset), compare.AsOf, compare.Version, "spec.compare_to", v);
    }

    /// <summary>m_then and m_revision after each metric, in that order; a name another column has is a violation.</summary>
    public static List<string> Columns(AnalysisSpec spec, IEnumerable<string> taken, IReadOnlyList<string> metrics, Violations v)
    {
        if (spec.CompareTo is null)
        {
            return [];
        }
        var names = new HashSet<string>(taken.Concat(metrics), ResultNames.Comparer);
        var added = new List<string>();
        foreach (var name in metrics.SelectMany(m => new[] { RevisionColumns.Then(m), RevisionColumns.Revision(m) }))
        {
            if (!names.Add(name))
            {
                v.Add("spec.compare_to", $"comparing versions adds the column '{name}', which another column already has; rename that metric");
                continue;
            }
            added.Add(name);
        }
        return added;
    }

    private static DatasetInfo? Pick(string dataset, IReadOnlyList<DatasetInfo> versions, string asOf, int number, string path, Violations v)
    {
        var kept = versions.Count == 0 ? "" : $"; kept versions: {DatasetVersions.Describe(versions)}";
        if (number != 0)
        {
            if (number < 0)
            {
                v.Add(path + ".version", $"{number} is not a version; versions are numbered 1, 2, 3 … in load order");
                return null;
            }
            var found = DatasetVersions.Number(versions, number);
            if (found is null)
            {
                v.Add(path + ".version", $"dataset {Violations.Quote(dataset)} has no version {number}{kept}");
            }
            return found;
        }
        if (!FieldValues.TryParseSpecDate(asOf, out var day))
        {
            v.Add(path + ".as_of", $"{Violations.Quote(asOf)} is not a date; write it YYYY-MM-DD, e.g. 2021-05-30");
            return null;
        }
        var picked = DatasetVersions.AsOf(versions, day);
        if (picked is null)
        {
            v.Add(path + ".as_of", $"dataset {Violations.Quote(dataset)} has no version with data as of {DatasetVersions.Day(day)} or earlier{kept}");
        }
        return picked;
    }
}
