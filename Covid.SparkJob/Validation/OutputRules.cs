using Covid.V1;

namespace Covid.SparkJob.Validation;

/// <summary>What shapes the output: order_by and limit over result columns, and the plot section.</summary>
internal static class OutputRules
{
    public const int MinPixels = 200;
    public const int MaxPixels = 4000;

    public static void Check(AnalysisSpec spec, ResultColumnSet columns, Violations v)
    {
        var ordered = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.OrderBy.Count; i++)
        {
            var column = spec.OrderBy[i].Column;
            var path = $"spec.order_by[{i}].column";
            if (!columns.Contains(column))
            {
                v.Add(path, $"{Describe(column)} is not a result column; result columns are: {columns.Describe()}");
            }
            else if (!ordered.Add(column))
            {
                v.Add(path, $"'{column}' is already an order_by column");
            }
        }
        if (spec.Limit is < 0 or > SpecValidator.MaxLimit)
        {
            v.Add("spec.limit", $"{spec.Limit} is out of range: 0 (the maximum, {SpecValidator.MaxLimit}) to {SpecValidator.MaxLimit}");
        }
        if (spec.Plot is not null)
        {
            CheckPlot(spec.Plot, columns, v);
        }
    }

    private static void CheckPlot(Plot plot, ResultColumnSet columns, Violations v)
    {
        if (plot.Kind == Plot.Types.Kind.Unspecified || !Enum.IsDefined(plot.Kind))
        {
            v.Add("spec.plot.kind", "required: LINE, BAR, STACKED_BAR or HEATMAP");
        }
        else if (plot.Kind is Plot.Types.Kind.StackedBar or Plot.Types.Kind.Heatmap && plot.Series.Length == 0)
        {
            v.Add("spec.plot.series", plot.Kind == Plot.Types.Kind.Heatmap
                ? "required for HEATMAP: the group-by column down the side (e.g. state); x runs across, the first y is the colour"
                : "required for STACKED_BAR: the group-by column whose values are stacked");
        }
        if (plot.Kind == Plot.Types.Kind.Heatmap && plot.Y.Count > 1)
        {
            v.Add("spec.plot.y", "HEATMAP colours one metric; give exactly one y");
        }
        if (string.IsNullOrEmpty(plot.X))
        {
            v.Add("spec.plot.x", $"required: the result column on the x axis ({columns.Describe()})");
        }
        else if (!columns.Contains(plot.X))
        {
            v.Add("spec.plot.x", $"{Describe(plot.X)} is not a result column; result columns are: {columns.Describe()}");
        }
        if (plot.Y.Count == 0)
        {
            v.Add("spec.plot.y", $"at least one numeric result column is required ({Violations.List(columns.Metrics)})");
        }
        for (var i = 0; i < plot.Y.Count; i++)
        {
            var y = plot.Y[i];
            if (!columns.Contains(y))
            {
                v.Add($"spec.plot.y[{i}]", $"{Describe(y)} is not a result column; result columns are: {columns.Describe()}");
            }
            else if (!columns.IsNumeric(y))
            {
                v.Add($"spec.plot.y[{i}]", $"'{y}' is not numeric; plot a metric ({Violations.List(columns.Metrics)})");
            }
        }
        if (plot.Series.Length > 0 && !columns.IsGroupBy(plot.Series))
        {
            v.Add("spec.plot.series", $"{Describe(plot.Series)} is not a group-by column; group-by columns are: {(columns.GroupBy.Count == 0 ? "(none)" : Violations.List(columns.GroupBy))}");
        }
        CheckPixels(plot.Width, "spec.plot.width", v);
        CheckPixels(plot.Height, "spec.plot.height", v);
    }

    private static void CheckPixels(int pixels, string path, Violations v)
    {
        if (pixels != 0 && pixels is < MinPixels or > MaxPixels)
        {
            v.Add(path, $"{pixels} is out of range: {MinPixels} to {MaxPixels} pixels (0 for the default)");
        }
    }

    private static string Describe(string column) => column.Length == 0 ? "an empty name" : Violations.Quote(column);
}
