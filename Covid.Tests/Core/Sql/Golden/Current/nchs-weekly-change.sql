-- golden: nchs-weekly-change
-- Spark features: LAG(x, n) OVER (PARTITION BY … ORDER BY period) over the gap-free weekly grid, percent change null where the earlier value is 0, COUNT(*) FILTER (WHERE field IS NULL) for suppressed cells
-- covid-analysis: nchs-provisional-deaths over Parquet
SET spark.sql.variable.substitute=false;
SET spark.sql.parser.escapedStringLiterals=false;
SET spark.sql.ansi.enabled=true;
SET spark.sql.legacy.timeParserPolicy=CORRECTED;
SET spark.sql.session.timeZone=UTC;
SET spark.sql.csv.parser.columnPruning.enabled=false;
SET spark.sql.csv.filterPushdown.enabled=false;
SET spark.sql.parquet.datetimeRebaseModeInRead=CORRECTED;

CREATE OR REPLACE TEMPORARY VIEW `dataset` USING parquet OPTIONS (path '/data/datasets/nchs-provisional-deaths/data.parquet');

INSERT OVERWRITE DIRECTORY '/data/results/golden/spark-output' USING json OPTIONS (ignoreNullFields 'false')
WITH `aggregated` AS (
  SELECT date_add(`week_ending_date`, CAST(-(dayofweek(`week_ending_date`) - 1) AS INT)) AS `period`,
    `state` AS `state`,
    CAST(SUM(`covid_19_deaths`) AS BIGINT) AS `deaths`,
    COUNT(*) FILTER (WHERE `covid_19_deaths` IS NULL) AS `deaths_suppressed`
  FROM `dataset`
  WHERE `week_ending_date` >= DATE '2022-01-01'
    AND `week_ending_date` <= DATE '2022-12-31'
    AND `group` IN ('By Week')
    AND `state` IN ('Vermont', 'Wyoming', 'New York City')
  GROUP BY date_add(`week_ending_date`, CAST(-(dayofweek(`week_ending_date`) - 1) AS INT)), `state`
)
SELECT `period`, `mmwr_year`, `mmwr_week`, `state`, `deaths`, `deaths_suppressed`, CASE WHEN `__then_deaths_change` IS NULL OR `deaths` IS NULL THEN NULL ELSE CAST(`deaths` AS DOUBLE) - `__then_deaths_change` END AS `deaths_change`, CASE WHEN `__then_deaths_change_pct` IS NULL OR `__then_deaths_change_pct` = 0 OR `deaths` IS NULL THEN NULL ELSE 100 * (CAST(`deaths` AS DOUBLE) - `__then_deaths_change_pct`) / `__then_deaths_change_pct` END AS `deaths_change_pct`
FROM (
  SELECT *,
    LAG(`deaths`, 1) OVER (PARTITION BY `state` ORDER BY `period`) AS `__then_deaths_change`,
    LAG(`deaths`, 1) OVER (PARTITION BY `state` ORDER BY `period`) AS `__then_deaths_change_pct`
  FROM (
    SELECT `period`, CAST(year(date_add(`period`, CAST(3 AS INT))) AS BIGINT) AS `mmwr_year`, CAST(floor((dayofyear(date_add(`period`, CAST(3 AS INT))) - 1) / 7) AS BIGINT) + 1 AS `mmwr_week`, `state`, `deaths`, `deaths_suppressed`
    FROM (
      SELECT `grid`.`period` AS `period`,
        `grid`.`state` AS `state`,
        CASE WHEN `a`.`period` IS NULL THEN 0 ELSE `a`.`deaths` END AS `deaths`,
        CASE WHEN `a`.`period` IS NULL THEN 0 ELSE `a`.`deaths_suppressed` END AS `deaths_suppressed`
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
    ) AS `rolled`
  ) AS `result`
) AS `lagged`
ORDER BY `period` ASC NULLS LAST, `state` ASC NULLS LAST
LIMIT 100000;
