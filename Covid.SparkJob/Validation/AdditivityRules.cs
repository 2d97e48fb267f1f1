using Covid.SparkJob.Catalog;
using Covid.V1;

namespace Covid.SparkJob.Validation;

/// <summary>
/// A SUM may only add a measure along the axes it adds up over: rates and percents over none (a
/// sum of rates is no rate), cumulative totals over places within one period but never across
/// periods (last week's total is in this week's). MEAN, MIN and MAX are always allowed.
/// </summary>
internal static class AdditivityRules
{
    public static void CheckSum(AnalysisSpec spec, DatasetSchema schema, SchemaField field, string path, Violations v)
    {
        switch (field.Additivity)
        {
            case Additivity.TimeAndGeography:
                return;
            case Additivity.None when field.Role != FieldRole.Measure:
                v.Add(path, $"'{field.Name}' is a {field.Role.ToString().ToLowerInvariant()}, not a measure, so it is not summed; group or filter by it, or COUNT rows");
                return;
            case Additivity.None:
                v.Add(path, $"'{field.Name}' is {Kind(field)}: a sum of it means nothing; use MEAN, MIN or MAX, or a ratio of two SUMs of counts (e.g. positives over tests)");
                return;
            case Additivity.GeographyOnly when !TimeRules.IsAtGrain(spec.TimeBucket, schema.Grain):
                var bucket = spec.TimeBucket == AnalysisSpec.Types.TimeBucket.Unspecified ? "without a time bucket" : $"with time_bucket {spec.TimeBucket.ToString().ToUpperInvariant()}";
                v.Add(path, $"'{field.Name}' is a cumulative total: it adds up over places within one period, never across periods, and {bucket} a group holds several of {schema.Name}'s {schema.Grain.Describe()}; use MAX (the latest total of each period), or time_bucket {TimeRules.AtGrain(schema.Grain)} to add places one period at a time");
                return;
        }
    }

    private static string Kind(SchemaField field) =>
        field.Unit == "%" ? "a percent" : field.Unit.Contains("per ", StringComparison.Ordinal) ? $"a rate ({field.Unit})" : $"not a count ({(field.Unit.Length > 0 ? field.Unit : "no unit")})";
}
