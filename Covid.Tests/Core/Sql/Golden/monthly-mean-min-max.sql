-- golden: monthly-mean-min-max
-- Spark features: date_trunc('MONTH'), AVG cast to DOUBLE, MIN/MAX, an empty-cell filter as IS NULL, no group-by
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
SELECT `period`, `mean_new`, `min_new`, `max_new`, `reports`
FROM (
  SELECT CAST(date_trunc('MONTH', `submission_date`) AS DATE) AS `period`,
    CAST(AVG(`new_case`) AS DOUBLE) AS `mean_new`,
    MIN(`new_case`) AS `min_new`,
    MAX(`new_case`) AS `max_new`,
    COUNT(`conf_cases`) AS `reports`
  FROM `dataset`
  WHERE (`consent_cases` IN ('Agree') OR `consent_cases` IS NULL)
  GROUP BY CAST(date_trunc('MONTH', `submission_date`) AS DATE)
) AS `aggregated`
ORDER BY `period` ASC NULLS LAST
LIMIT 100000;
