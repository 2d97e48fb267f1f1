-- golden: rolling-7-day
-- Spark features: gap-free grid: sequence(low, high, INTERVAL 1 DAY) + explode, CROSS JOIN of groups, LEFT JOIN with IS NOT DISTINCT FROM, AVG OVER (PARTITION BY ... ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)
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
WITH `aggregated` AS (
  SELECT CAST(`submission_date` AS DATE) AS `period`,
    `state` AS `state`,
    CAST(SUM(`new_case`) AS BIGINT) AS `cases`
  FROM `dataset`
  WHERE `submission_date` >= DATE '2020-10-01'
    AND `submission_date` <= DATE '2020-11-30'
    AND `state` IN ('CA', 'TX')
  GROUP BY CAST(`submission_date` AS DATE), `state`
)
SELECT `period`, `state`, `cases`, `cases_7d`
FROM (
  SELECT *,
    CASE WHEN COUNT(*) OVER (PARTITION BY `state` ORDER BY `period` ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) = 7 THEN AVG(CAST(COALESCE(`cases`, 0) AS DOUBLE)) OVER (PARTITION BY `state` ORDER BY `period` ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) ELSE NULL END AS `cases_7d`
  FROM (
    SELECT `grid`.`period` AS `period`,
      `grid`.`state` AS `state`,
      CASE WHEN `a`.`period` IS NULL THEN 0 ELSE `a`.`cases` END AS `cases`
    FROM (
      SELECT `periods`.`period` AS `period`, `groups`.`state` AS `state`
      FROM (
        SELECT explode(sequence(`low`, `high`, INTERVAL 1 DAY)) AS `period`
        FROM (SELECT MIN(`period`) AS `low`, MAX(`period`) AS `high` FROM `aggregated`) AS `bounds`
      ) AS `periods`
      CROSS JOIN (SELECT DISTINCT `state` FROM `aggregated`) AS `groups`
    ) AS `grid`
    LEFT JOIN `aggregated` AS `a`
      ON `a`.`period` = `grid`.`period`
      AND `a`.`state` IS NOT DISTINCT FROM `grid`.`state`
  ) AS `filled`
) AS `rolled`
ORDER BY `period` ASC NULLS LAST, `state` ASC NULLS LAST
LIMIT 100000;
