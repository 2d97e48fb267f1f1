-- golden: conditional-aggregates
-- Spark features: aggregate FILTER (WHERE ...) clauses (Spark 3.0+), COUNT with a condition, a ratio of two conditional aggregates
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
SELECT `period`, `deaths`, `nyc_deaths`, `agreeing_reports`, CASE WHEN `deaths` = 0 OR `deaths` IS NULL THEN NULL ELSE CAST(`nyc_deaths` AS DOUBLE) / `deaths` END AS `nyc_share`
FROM (
  SELECT CAST(date_trunc('MONTH', `submission_date`) AS DATE) AS `period`,
    CAST(SUM(`new_death`) AS BIGINT) AS `deaths`,
    CAST(SUM(`new_death`) FILTER (WHERE `state` IN ('NYC')) AS BIGINT) AS `nyc_deaths`,
    COUNT(*) FILTER (WHERE `consent_deaths` IN ('Agree')) AS `agreeing_reports`
  FROM `dataset`
  WHERE `submission_date` >= DATE '2020-06-01'
    AND `submission_date` <= DATE '2020-12-31'
  GROUP BY CAST(date_trunc('MONTH', `submission_date`) AS DATE)
) AS `aggregated`
ORDER BY `period` ASC NULLS LAST
LIMIT 100000;
