-- golden: top5-per-week
-- Spark features: ROW_NUMBER() OVER (PARTITION BY period ORDER BY ... DESC NULLS LAST) in a subquery and an outer WHERE (Spark has no QUALIFY)
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

INSERT OVERWRITE DIRECTORY '/data/results/golden/spark-output' USING json OPTIONS (ignoreNullFields 'false')
SELECT `period`, `state`, `cases`
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY `period` ORDER BY `cases` DESC NULLS LAST, `state` ASC NULLS LAST) AS `_rank`
  FROM (
    SELECT `period`, `state`, `cases`
    FROM (
      SELECT CAST(date_trunc('WEEK', `submission_date`) AS DATE) AS `period`,
        `state` AS `state`,
        CAST(SUM(`new_case`) AS BIGINT) AS `cases`
      FROM `dataset`
      WHERE `submission_date` >= DATE '2020-11-02'
        AND `submission_date` <= DATE '2020-11-29'
      GROUP BY CAST(date_trunc('WEEK', `submission_date`) AS DATE), `state`
    ) AS `aggregated`
  ) AS `result`
) AS `ranked`
WHERE `_rank` <= 5
ORDER BY `period` ASC NULLS LAST, `cases` DESC NULLS LAST, `state` ASC NULLS LAST
LIMIT 100000;
