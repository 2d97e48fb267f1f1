using System.Globalization;
using Covid.Server.Datasets;
using Covid.Server.Storage;
using Covid.Server.Tenancy;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;
using Covid.V1;
using Engine = Covid.V1.AnalysisSpec.Types.Engine;

namespace Covid.Server.Jobs;

/// <summary>ExplainAnalysis: the validated spec with defaults filled in, the dataset version it would read now and the SQL each engine would run.</summary>
public sealed class AnalysisExplainer(ITenantDatasets datasets, SpecLimits limits, EngineSelector engines, DataLayout layout)
{
    public ExplainAnalysisResponse Explain(Caller caller, AnalysisSpec spec)
    {
        limits.Check(spec);
        var plan = limits.Apply(AnalysisPlanner.Plan(spec, datasets.VisibleTo(caller)));
        var auto = engines.AutoFor(plan.Dataset);
        var filled = spec.Clone();
        filled.Limit = plan.Limit;
        filled.TimeBucket = plan.TimeBucket;
        if (filled.Engine is Engine.Unspecified)
        {
            filled.Engine = Engine.Auto;
        }
        var duckDb = DuckDbDialect.Build(plan);
        var response = new ExplainAnalysisResponse
        {
            Spec = filled,
            Engine = auto,
            // Paths relative to the data directory: where the server keeps files is not the client's business.
            DuckdbSql = layout.Relative(duckDb.Sql),
            // Where a real run would put its output; the id is a placeholder since nothing is submitted.
            SparkSql = layout.Relative(SparkSqlDialect.Build(plan, layout.SparkResult("{id}"))),
        };
        response.DatasetVersion = DatasetVersionMapper.ToProto(plan.Dataset, layout);
        response.CompareVersion = plan.Then is { } then ? DatasetVersionMapper.ToProto(then, layout) : null;
        response.Columns.AddRange(plan.Columns.Select(c => new Column { Name = c.Name, Type = ResultMapper.ToProto(c.Type) }));
        response.DuckdbParameters.AddRange(duckDb.Parameters.Select(Format));
        return response;
    }

    private static string Format(object value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
