-- golden: covid-net-season-change
-- Spark features: SEASON: the Sunday of MMWR week 40 via make_date(y, 1, 4); the season label by concat/lpad; a season grid from sequence over the years seasons start in; change of a MAX
-- covid-analysis: covid-net-rates over Parquet
SET spark.sql.variable.substitute=false;
SET spark.sql.parser.escapedStringLiterals=false;
SET spark.sql.ansi.enabled=true;
SET spark.sql.legacy.timeParserPolicy=CORRECTED;
SET spark.sql.session.timeZone=UTC;
SET spark.sql.csv.parser.columnPruning.enabled=false;
SET spark.sql.csv.filterPushdown.enabled=false;
SET spark.sql.parquet.datetimeRebaseModeInRead=CORRECTED;

CREATE OR REPLACE TEMPORARY VIEW `dataset` USING parquet OPTIONS (path '/data/datasets/covid-net-rates/data.parquet');

INSERT OVERWRITE DIRECTORY '/data/results/golden/spark-output' USING json OPTIONS (ignoreNullFields 'false')
WITH `aggregated` AS (
  SELECT date_add(make_date(CAST((CASE WHEN CAST(floor((dayofyear(date_add(date_add(`_weekenddate`, CAST(-(dayofweek(`_weekenddate`) - 1) AS INT)), CAST(3 AS INT))) - 1) / 7) AS BIGINT) + 1 >= 40 THEN CAST(year(date_add(date_add(`_weekenddate`, CAST(-(dayofweek(`_weekenddate`) - 1) AS INT)), CAST(3 AS INT))) AS BIGINT) ELSE CAST(year(date_add(date_add(`_weekenddate`, CAST(-(dayofweek(`_weekenddate`) - 1) AS INT)), CAST(3 AS INT))) AS BIGINT) - 1 END) AS INT), 1, 4), CAST(273 - (dayofweek(make_date(CAST((CASE WHEN CAST(floor((dayofyear(date_add(date_add(`_weekenddate`, CAST(-(dayofweek(`_weekenddate`) - 1) AS INT)), CAST(3 AS INT))) - 1) / 7) AS BIGINT) + 1 >= 40 THEN CAST(year(date_add(date_add(`_weekenddate`, CAST(-(dayofweek(`_weekenddate`) - 1) AS INT)), CAST(3 AS INT))) AS BIGINT) ELSE CAST(year(date_add(date_add(`_weekenddate`, CAST(-(dayofweek(`_weekenddate`) - 1) AS INT)), CAST(3 AS INT))) AS BIGINT) - 1 END) AS INT), 1, 4)) - 1) AS INT)) AS `period`,
    MAX(`weeklyrate`) AS `peak`,
    MAX(`cumulativerate`) AS `season_total`
  FROM (SELECT *,
      CASE `state` WHEN 'California' THEN 'CA' WHEN 'Colorado' THEN 'CO' WHEN 'Connecticut' THEN 'CT' WHEN 'Georgia' THEN 'GA' WHEN 'Iowa' THEN 'IA' WHEN 'Maryland' THEN 'MD' WHEN 'Michigan' THEN 'MI' WHEN 'Minnesota' THEN 'MN' WHEN 'New Mexico' THEN 'NM' WHEN 'New York' THEN 'NY' WHEN 'North Carolina' THEN 'NC' WHEN 'Ohio' THEN 'OH' WHEN 'Oregon' THEN 'OR' WHEN 'Tennessee' THEN 'TN' WHEN 'Utah' THEN 'UT' END AS `jurisdiction`,
      CASE `state` WHEN 'COVID-NET' THEN 'network' WHEN 'California' THEN 'site' WHEN 'Colorado' THEN 'site' WHEN 'Connecticut' THEN 'site' WHEN 'Georgia' THEN 'site' WHEN 'Iowa' THEN 'site' WHEN 'Maryland' THEN 'site' WHEN 'Michigan' THEN 'site' WHEN 'Minnesota' THEN 'site' WHEN 'New Mexico' THEN 'site' WHEN 'New York' THEN 'site' WHEN 'North Carolina' THEN 'site' WHEN 'Ohio' THEN 'site' WHEN 'Oregon' THEN 'site' WHEN 'Tennessee' THEN 'site' WHEN 'Utah' THEN 'site' END AS `geo_level`
    FROM `dataset`) AS `places`
  WHERE `geo_level` IN ('network')
    AND `agecategory_legend` IN ('≥65 years')
    AND `sex_label` IN ('All')
    AND `race_label` IN ('All')
    AND `type` IN ('Crude Rate')
  GROUP BY date_add(make_date(CAST((CASE WHEN CAST(floor((dayofyear(date_add(date_add(`_weekenddate`, CAST(-(dayofweek(`_weekenddate`) - 1) AS INT)), CAST(3 AS INT))) - 1) / 7) AS BIGINT) + 1 >= 40 THEN CAST(year(date_add(date_add(`_weekenddate`, CAST(-(dayofweek(`_weekenddate`) - 1) AS INT)), CAST(3 AS INT))) AS BIGINT) ELSE CAST(year(date_add(date_add(`_weekenddate`, CAST(-(dayofweek(`_weekenddate`) - 1) AS INT)), CAST(3 AS INT))) AS BIGINT) - 1 END) AS INT), 1, 4), CAST(273 - (dayofweek(make_date(CAST((CASE WHEN CAST(floor((dayofyear(date_add(date_add(`_weekenddate`, CAST(-(dayofweek(`_weekenddate`) - 1) AS INT)), CAST(3 AS INT))) - 1) / 7) AS BIGINT) + 1 >= 40 THEN CAST(year(date_add(date_add(`_weekenddate`, CAST(-(dayofweek(`_weekenddate`) - 1) AS INT)), CAST(3 AS INT))) AS BIGINT) ELSE CAST(year(date_add(date_add(`_weekenddate`, CAST(-(dayofweek(`_weekenddate`) - 1) AS INT)), CAST(3 AS INT))) AS BIGINT) - 1 END) AS INT), 1, 4)) - 1) AS INT))
)
SELECT `period`, `season`, `peak`, `season_total`, CASE WHEN `__then_total_change` IS NULL OR `__then_total_change` = 0 OR `season_total` IS NULL THEN NULL ELSE 100 * (CAST(`season_total` AS DOUBLE) - `__then_total_change`) / `__then_total_change` END AS `total_change`
FROM (
  SELECT *,
    LAG(`season_total`, 1) OVER (ORDER BY `period`) AS `__then_total_change`
  FROM (
    SELECT `period`, CASE WHEN `period` IS NULL THEN NULL ELSE concat(CAST(CAST(year(date_add(`period`, CAST(3 AS INT))) AS BIGINT) AS STRING), '-', lpad(CAST((CAST(year(date_add(`period`, CAST(3 AS INT))) AS BIGINT) + 1) % 100 AS STRING), 2, '0')) END AS `season`, `peak`, `season_total`
    FROM (
      SELECT `grid`.`period` AS `period`,
        `a`.`peak` AS `peak`,
        `a`.`season_total` AS `season_total`
      FROM (
        SELECT `periods`.`period` AS `period`
        FROM (
          SELECT date_add(make_date(CAST(`season_year` AS INT), 1, 4), CAST(273 - (dayofweek(make_date(CAST(`season_year` AS INT), 1, 4)) - 1) AS INT)) AS `period`
          FROM (
            SELECT explode(sequence(CAST(CAST(year(date_add(`low`, CAST(3 AS INT))) AS BIGINT) AS BIGINT), CAST(CAST(year(date_add(`high`, CAST(3 AS INT))) AS BIGINT) AS BIGINT))) AS `season_year`
            FROM (SELECT MIN(`period`) AS `low`, MAX(`period`) AS `high` FROM `aggregated`) AS `bounds`
          ) AS `season_years`
        ) AS `periods`
      ) AS `grid`
      LEFT JOIN `aggregated` AS `a`
        ON `a`.`period` = `grid`.`period`
    ) AS `rolled`
  ) AS `result`
) AS `lagged`
ORDER BY `period` ASC NULLS LAST
LIMIT 100000;
