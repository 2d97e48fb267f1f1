namespace Covid.SparkJob.Catalog;

/// <summary>What a field is for in an analysis.</summary>
public enum FieldRole
{
    /// <summary>The field time runs along (the dataset's date field); filtered by date_range, bucketed by time_bucket.</summary>
    Time,

    /// <summary>Where a row is: a state, a region, the nation, a surveillance site.</summary>
    Geography,

    /// <summary>Anything else to filter and group by (age group, virus, status …).</summary>
    Dimension,

    /// <summary>A number to aggregate.</summary>
    Measure,
}
