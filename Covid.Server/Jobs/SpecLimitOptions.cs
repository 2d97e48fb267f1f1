using Covid.SparkJob.Validation;

namespace Covid.Server.Jobs;

/// <summary>How large a spec and what it produces may be (config section <c>Limits</c>).</summary>
public sealed class SpecLimitOptions
{
    public const string Section = "Limits";

    /// <summary>Filters in a spec, and in each metric's <c>where</c>.</summary>
    public int MaxFilters { get; set; } = 50;

    /// <summary>Values of one filter.</summary>
    public int MaxValuesPerFilter { get; set; } = 1000;

    public int MaxMetrics { get; set; } = 50;

    public int MaxGroupBy { get; set; } = 10;

    /// <summary>Rows of a result; <c>limit: 0</c> means this many. At most the engine's own bound of 100,000.</summary>
    public int MaxResultRows { get; set; } = SpecValidator.MaxLimit;

    /// <summary>Width × height of a chart (each side is 200..4000 regardless).</summary>
    public long MaxPlotPixels { get; set; } = 4000L * 4000;
}
