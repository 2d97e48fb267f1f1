using Covid.SparkJob.Errors;
using Covid.SparkJob.Planning;
using Covid.V1;
using Microsoft.Extensions.Options;

namespace Covid.Server.Jobs;

/// <summary>
/// The size limits of <see cref="SpecLimitOptions"/>, checked before a spec is validated: counting
/// is all they do, so a spec of a hundred thousand values is refused at the cost of reading it once.
/// </summary>
public sealed class SpecLimits(IOptions<SpecLimitOptions> options)
{
    /// <summary>INVALID_ARGUMENT naming each limit the spec is over.</summary>
    public void Check(AnalysisSpec spec)
    {
        var limits = options.Value;
        var violations = new List<FieldViolation>();
        void Over(string path, long count, string what, long limit, string key)
        {
            if (count > limit)
            {
                violations.Add(new(path, $"{count} {what}, more than this server's limit of {limit} (Limits:{key})"));
            }
        }
        void Filters(string path, IReadOnlyList<Filter> filters)
        {
            Over(path, filters.Count, "filters", limits.MaxFilters, nameof(limits.MaxFilters));
            for (var i = 0; i < filters.Count; i++)
            {
                Over($"{path}[{i}].values", filters[i].Values.Count, "values", limits.MaxValuesPerFilter, nameof(limits.MaxValuesPerFilter));
            }
        }
        Filters("spec.filters", spec.Filters);
        Over("spec.group_by", spec.GroupBy.Count, "group-by fields", limits.MaxGroupBy, nameof(limits.MaxGroupBy));
        Over("spec.metrics", spec.Metrics.Count, "metrics", limits.MaxMetrics, nameof(limits.MaxMetrics));
        for (var i = 0; i < spec.Metrics.Count && i < limits.MaxMetrics; i++)
        {
            Filters($"spec.metrics[{i}].where", spec.Metrics[i].Where);
        }
        Over("spec.limit", spec.Limit, "rows", limits.MaxResultRows, nameof(limits.MaxResultRows));
        if (spec.Plot is not null)
        {
            var (width, height) = PlotSize.Resolve(spec.Plot);
            Over("spec.plot", (long)width * height, $"pixels ({width}×{height})", limits.MaxPlotPixels, nameof(limits.MaxPlotPixels));
        }
        if (violations.Count > 0)
        {
            throw ServiceException.InvalidArgument(violations);
        }
    }

    /// <summary>The plan with <c>limit: 0</c> resolved to this server's row limit.</summary>
    public AnalysisPlan Apply(AnalysisPlan plan) =>
        plan.Spec.Limit == 0 && plan.Limit > options.Value.MaxResultRows ? plan with { Limit = options.Value.MaxResultRows } : plan;
}
