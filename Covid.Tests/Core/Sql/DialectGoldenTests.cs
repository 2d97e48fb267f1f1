using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;
using Covid.Tests.Support;

namespace Covid.Tests.Core.Sql;

/// <summary>The issue's example as each dialect writes it, pinned so changes to the SQL are deliberate.</summary>
public sealed class DialectGoldenTests
{
    private const string Path = "/data/datasets/cdc-cases-deaths-by-state/data.parquet";

    [Fact]
    public void Build_IssueExample_WritesTheExpectedDuckDbSql()
    {
        var query = DuckDbDialect.Build(AnalysisPlanner.Plan(Specs.IssueExample(), TestDatasets.CasesDeaths(Path)));

        Assert.Equal([new DateOnly(2020, 3, 2), new DateOnly(2020, 9, 20), "NY", "NYC", "NJ", "CA"], query.Parameters);
        Assert.Equal("""
            SELECT "period", "state", "cases", "deaths", "days", CASE WHEN "cases" = 0 OR "cases" IS NULL THEN NULL ELSE CAST("deaths" AS DOUBLE) / "cases" END AS "cfr"
            FROM (
              SELECT CAST(date_trunc('week', "submission_date") AS DATE) AS "period",
                "state" AS "state",
                CAST(SUM("new_case") AS BIGINT) AS "cases",
                CAST(SUM("new_death") AS BIGINT) AS "deaths",
                COUNT(*) AS "days"
              FROM read_parquet('/data/datasets/cdc-cases-deaths-by-state/data.parquet')
              WHERE "submission_date" >= $1
                AND "submission_date" <= $2
                AND "state" IN ($3, $4, $5, $6)
              GROUP BY CAST(date_trunc('week', "submission_date") AS DATE), "state"
            ) AS "aggregated"
            ORDER BY "cases" DESC NULLS LAST, "period" ASC NULLS LAST, "state" ASC NULLS LAST
            LIMIT 500
            """, query.Sql);
    }

    [Fact]
    public void Build_IssueExample_WritesTheExpectedSparkScript()
    {
        var script = SparkSqlDialect.Build(AnalysisPlanner.Plan(Specs.IssueExample(), TestDatasets.CasesDeaths(Path)), Path, "/data/results/a1/spark");

        Assert.Equal("""
            -- covid-analysis: cdc-cases-deaths-by-state over Parquet
            SET spark.sql.variable.substitute=false;
            SET spark.sql.parser.escapedStringLiterals=false;
            SET spark.sql.ansi.enabled=true;
            SET spark.sql.legacy.timeParserPolicy=CORRECTED;
            SET spark.sql.session.timeZone=UTC;
            SET spark.sql.csv.parser.columnPruning.enabled=false;
            SET spark.sql.csv.filterPushdown.enabled=false;
            SET spark.sql.parquet.datetimeRebaseModeInRead=CORRECTED;

            CREATE OR REPLACE TEMPORARY VIEW `dataset` USING parquet OPTIONS (path '/data/datasets/cdc-cases-deaths-by-state/data.parquet');

            INSERT OVERWRITE DIRECTORY '/data/results/a1/spark' USING json OPTIONS (ignoreNullFields 'false')
            SELECT `period`, `state`, `cases`, `deaths`, `days`, CASE WHEN `cases` = 0 OR `cases` IS NULL THEN NULL ELSE CAST(`deaths` AS DOUBLE) / `cases` END AS `cfr`
            FROM (
              SELECT CAST(date_trunc('WEEK', `submission_date`) AS DATE) AS `period`,
                `state` AS `state`,
                CAST(SUM(`new_case`) AS BIGINT) AS `cases`,
                CAST(SUM(`new_death`) AS BIGINT) AS `deaths`,
                COUNT(*) AS `days`
              FROM `dataset`
              WHERE `submission_date` >= DATE '2020-03-02'
                AND `submission_date` <= DATE '2020-09-20'
                AND `state` IN ('NY', 'NYC', 'NJ', 'CA')
              GROUP BY CAST(date_trunc('WEEK', `submission_date`) AS DATE), `state`
            ) AS `aggregated`
            ORDER BY `cases` DESC NULLS LAST, `period` ASC NULLS LAST, `state` ASC NULLS LAST
            LIMIT 500;

            """, script);
    }
}
