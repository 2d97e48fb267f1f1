-- golden: weekly-cases-native
-- Spark features: NATIVE Thursday-to-Wednesday weeks: date_add(d, -((dayofweek(d) - 1 + 3) % 7)), period_end = date_add(period, 6), a 4-week rolling mean on a 7-day grid
-- covid-analysis: cdc-weekly-cases-deaths-by-state over Parquet
SET spark.sql.variable.substitute=false;
SET spark.sql.parser.escapedStringLiterals=false;
SET spark.sql.ansi.enabled=true;
SET spark.sql.legacy.timeParserPolicy=CORRECTED;
SET spark.sql.session.timeZone=UTC;
SET spark.sql.csv.parser.columnPruning.enabled=false;
SET spark.sql.csv.filterPushdown.enabled=false;
SET spark.sql.parquet.datetimeRebaseModeInRead=CORRECTED;

CREATE OR REPLACE TEMPORARY VIEW `dataset` USING parquet OPTIONS (path '/data/datasets/cdc-weekly-cases-deaths-by-state/data.parquet');

INSERT OVERWRITE DIRECTORY '/data/results/golden/spark-output' USING json OPTIONS (ignoreNullFields 'false')
WITH `aggregated` AS (
  SELECT date_add(`end_date`, CAST(-(((dayofweek(`end_date`) - 1) + 3) % 7) AS INT)) AS `period`,
    `state` AS `state`,
    CAST(SUM(`new_cases`) AS BIGINT) AS `cases`
  FROM `dataset`
  WHERE `end_date` >= DATE '2022-01-01'
    AND `end_date` <= DATE '2022-06-30'
    AND `state` IN ('NY', 'NYC')
  GROUP BY date_add(`end_date`, CAST(-(((dayofweek(`end_date`) - 1) + 3) % 7) AS INT)), `state`
)
SELECT `period`, date_add(`period`, CAST(6 AS INT)) AS `period_end`, `state`, `cases`, `cases_4w`
FROM (
  SELECT *,
    CASE WHEN COUNT(*) OVER (PARTITION BY `state` ORDER BY `period` ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) = 4 THEN AVG(CAST(COALESCE(`cases`, 0) AS DOUBLE)) OVER (PARTITION BY `state` ORDER BY `period` ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) ELSE NULL END AS `cases_4w`
  FROM (
    SELECT `grid`.`period` AS `period`,
      `grid`.`state` AS `state`,
      CASE WHEN `a`.`period` IS NULL THEN 0 ELSE `a`.`cases` END AS `cases`
    FROM (
      SELECT `periods`.`period` AS `period`, `groups`.`state` AS `state`
      FROM (
        SELECT explode(sequence(`low`, `high`, INTERVAL 7 DAYS)) AS `period`
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
