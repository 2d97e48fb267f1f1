using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Samples;
using Covid.SparkJob.Sql;
using Covid.Tests.Support;

namespace Covid.Tests.Support.Reference;

/// <summary>Fixed paths for plans whose scripts are compared as text.</summary>
internal static class AnalysisDatasets
{
    public const string ParquetPath = "/data/datasets/cdc-cases-deaths-by-state/data.parquet";
    public const string CsvPath = "/data/datasets/cdc-cases-deaths-by-state/original.csv";
    public const string ResultDirectory = "/data/results/golden/spark-output";

    public static DatasetInfo Info(DatasetStorage storage) => storage == DatasetStorage.CsvInPlace
        ? new DatasetInfo(TestSchemas.CasesDeathsName, TestSchemas.CasesDeaths, "", CsvPath, "test", false, 0, 0, null, null, DateTimeOffset.UnixEpoch, DatasetStorage.CsvInPlace)
        : new DatasetInfo(TestSchemas.CasesDeathsName, TestSchemas.CasesDeaths, ParquetPath, ParquetPath + ".csv", "test", false, 0, 0, null, null, DateTimeOffset.UnixEpoch);

    public static AnalysisPlan Plan(RepresentativeSpec spec) => AnalysisPlanner.Plan(spec.Spec, new TestDatasets(Info(spec.Storage)));

    public static string SparkScript(RepresentativeSpec spec) =>
        SparkSqlDialect.Build(Plan(spec), spec.Storage == DatasetStorage.CsvInPlace ? CsvPath : ParquetPath, ResultDirectory);
}
