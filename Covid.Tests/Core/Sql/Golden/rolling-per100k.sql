-- golden: rolling-per100k
-- Spark features: sequence(..., INTERVAL 7 DAYS) weekly grid, a 4-week rolling mean, then per 100k of that mean
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
  SELECT CAST(date_trunc('WEEK', `submission_date`) AS DATE) AS `period`,
    `state` AS `state`,
    CAST(SUM(`new_death`) AS BIGINT) AS `deaths`
  FROM `dataset`
  WHERE `submission_date` >= DATE '2020-09-07'
    AND `submission_date` <= DATE '2020-12-27'
    AND `state` IN ('ND', 'SD', 'WY')
  GROUP BY CAST(date_trunc('WEEK', `submission_date`) AS DATE), `state`
)
SELECT `period`, `state`, `deaths`, `deaths_4w`, CASE WHEN `_residents` IS NULL THEN NULL ELSE CAST(`deaths_4w` AS DOUBLE) * 100000 / `_residents` END AS `deaths_4w_per_100k`
FROM (
  SELECT *,
    CASE WHEN COUNT(*) OVER (PARTITION BY `state` ORDER BY `period` ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) = 4 THEN AVG(CAST(COALESCE(`deaths`, 0) AS DOUBLE)) OVER (PARTITION BY `state` ORDER BY `period` ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) ELSE NULL END AS `deaths_4w`
  FROM (
    SELECT `grid`.`period` AS `period`,
      `grid`.`state` AS `state`,
      CASE WHEN `a`.`period` IS NULL THEN 0 ELSE `a`.`deaths` END AS `deaths`
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
LEFT JOIN (VALUES ('AK', CAST(731545 AS BIGINT)), ('AL', CAST(4903185 AS BIGINT)), ('AR', CAST(3017804 AS BIGINT)), ('AZ', CAST(7278717 AS BIGINT)), ('CA', CAST(39512223 AS BIGINT)), ('CO', CAST(5758736 AS BIGINT)), ('CT', CAST(3565287 AS BIGINT)), ('DC', CAST(705749 AS BIGINT)), ('DE', CAST(973764 AS BIGINT)), ('FL', CAST(21477737 AS BIGINT)), ('GA', CAST(10617423 AS BIGINT)), ('HI', CAST(1415872 AS BIGINT)), ('IA', CAST(3155070 AS BIGINT)), ('ID', CAST(1787065 AS BIGINT)), ('IL', CAST(12671821 AS BIGINT)), ('IN', CAST(6732219 AS BIGINT)), ('KS', CAST(2913314 AS BIGINT)), ('KY', CAST(4467673 AS BIGINT)), ('LA', CAST(4648794 AS BIGINT)), ('MA', CAST(6892503 AS BIGINT)), ('MD', CAST(6045680 AS BIGINT)), ('ME', CAST(1344212 AS BIGINT)), ('MI', CAST(9986857 AS BIGINT)), ('MN', CAST(5639632 AS BIGINT)), ('MO', CAST(6137428 AS BIGINT)), ('MS', CAST(2976149 AS BIGINT)), ('MT', CAST(1068778 AS BIGINT)), ('NC', CAST(10488084 AS BIGINT)), ('ND', CAST(762062 AS BIGINT)), ('NE', CAST(1934408 AS BIGINT)), ('NH', CAST(1359711 AS BIGINT)), ('NJ', CAST(8882190 AS BIGINT)), ('NM', CAST(2096829 AS BIGINT)), ('NV', CAST(3080156 AS BIGINT)), ('OH', CAST(11689100 AS BIGINT)), ('OK', CAST(3956971 AS BIGINT)), ('OR', CAST(4217737 AS BIGINT)), ('PA', CAST(12801989 AS BIGINT)), ('PR', CAST(3193694 AS BIGINT)), ('RI', CAST(1059361 AS BIGINT)), ('SC', CAST(5148714 AS BIGINT)), ('SD', CAST(884659 AS BIGINT)), ('TN', CAST(6829174 AS BIGINT)), ('TX', CAST(28995881 AS BIGINT)), ('UT', CAST(3205958 AS BIGINT)), ('VA', CAST(8535519 AS BIGINT)), ('VT', CAST(623989 AS BIGINT)), ('WA', CAST(7614893 AS BIGINT)), ('WI', CAST(5822434 AS BIGINT)), ('WV', CAST(1792147 AS BIGINT)), ('WY', CAST(578759 AS BIGINT))) AS `population`(`_code`, `_residents`)
  ON `_code` = `state`
ORDER BY `period` ASC NULLS LAST, `state` ASC NULLS LAST
LIMIT 100000;
