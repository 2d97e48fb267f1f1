using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;
using Covid.Tests.Core.Correctness;
using Covid.Tests.Support;
using Covid.Tests.Support.Reference;

namespace Covid.Tests.Core.Sql;

/// <summary>
/// What the builder emits for one plan: the DuckDB query the embedded engine (and the fake Spark
/// driver's twin) runs, and the Spark script a driver would run, from the same plan.
/// </summary>
internal sealed record EmittedSql(string Name, AnalysisPlan Plan, DuckDbQuery DuckDb, string Spark)
{
    public const string ResultDirectory = "/data/results/emitted/spark-output";

    public override string ToString() => Name;

    public static EmittedSql Of(string name, AnalysisPlan plan) =>
        new(name, plan, DuckDbDialect.Build(plan), SparkSqlDialect.Build(plan, plan.Dataset.ReadPath, ResultDirectory));

    /// <summary>
    /// The representative specs, the current ones (over each real file's own header, Parquet and CSV
    /// in place alike) and case surveillance in both storages: every construct the planner uses.
    /// </summary>
    public static IReadOnlyList<EmittedSql> All { get; } = Build();

    private static List<EmittedSql> Build()
    {
        var all = RepresentativeSpec.All.Select(s => Of(s.Name, AnalysisDatasets.Plan(s))).ToList();
        foreach (var spec in CurrentSpec.All)
        {
            var schema = SchemaCatalog.BuiltIn.Get(spec.Spec.Dataset);
            // Registering in place reads only the header: the real file's layout, without ingesting it.
            var inPlace = InPlaceCsv.Register(schema.Name, schema, CdcFiles.Get(CurrentCdcFiles.BySchema[schema.Name]), "test", synthetic: false);
            var info = spec.Storage == DatasetStorage.CsvInPlace
                ? inPlace
                : inPlace with { ParquetPath = $"/data/datasets/{schema.Name}/data.parquet", Storage = DatasetStorage.Parquet };
            all.Add(Of(spec.Name, AnalysisPlanner.Plan(spec.Spec, new TestDatasets(info))));
        }
        foreach (var storage in new[] { DatasetStorage.Parquet, DatasetStorage.CsvInPlace })
        {
            var info = new DatasetInfo(TestSchemas.CaseSurveillanceName, TestSchemas.CaseSurveillance, storage == DatasetStorage.Parquet ? "/d/data.parquet" : "",
                "/d/original.csv", "test", true, 0, 0, null, null, DateTimeOffset.UnixEpoch, storage);
            all.Add(Of("case-surveillance-" + storage, AnalysisPlanner.Plan(Specs.Parse(CaseSurveillanceRatesTests.Json), new TestDatasets(info))));
        }
        return all;
    }
}
