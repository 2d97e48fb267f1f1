-- golden: csv-in-place-rolling
-- Spark features: USING csv OPTIONS (header 'true', inferSchema 'false', multiLine 'false', mode 'FAILFAST', ...) raw view, typed view checking each cell's shape with regexp_like before CAST(try_to_timestamp(col, 'MM/dd/yyyy') AS DATE), try_to_timestamp(col, 'MM/dd/yyyy hh:mm:ss a') and TRY_CAST AS BIGINT, raise_error on unparsable cells
-- covid-analysis: cdc-cases-deaths-by-state over CSV in place
SET spark.sql.variable.substitute=false;
SET spark.sql.parser.escapedStringLiterals=false;
SET spark.sql.ansi.enabled=true;
SET spark.sql.legacy.timeParserPolicy=CORRECTED;
SET spark.sql.session.timeZone=UTC;
SET spark.sql.csv.parser.columnPruning.enabled=false;
SET spark.sql.csv.filterPushdown.enabled=false;
SET spark.sql.parquet.datetimeRebaseModeInRead=CORRECTED;

CREATE OR REPLACE TEMPORARY VIEW `dataset_csv` USING csv OPTIONS (path '/data/datasets/cdc-cases-deaths-by-state/original.csv', header 'true', inferSchema 'false', sep ',', quote '"', escape '"', nullValue '', multiLine 'false', mode 'FAILFAST');
CREATE OR REPLACE TEMPORARY VIEW `dataset` AS
SELECT CASE WHEN `submission_date` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`submission_date`, '\\A[0-9]{2}/[0-9]{2}/[0-9]{4}\\z') THEN CAST(try_to_timestamp(`submission_date`, 'MM/dd/yyyy') AS DATE) END, raise_error(concat('column submission_date: \'', `submission_date`, '\' is not a date written MM/DD/YYYY'))) END AS `submission_date`,
  `state` AS `state`,
  CASE WHEN `tot_cases` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`tot_cases`, '\\A[+-]?[0-9]+\\z') THEN TRY_CAST(`tot_cases` AS BIGINT) END, raise_error(concat('column tot_cases: \'', `tot_cases`, '\' is not an integer'))) END AS `tot_cases`,
  CASE WHEN `conf_cases` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`conf_cases`, '\\A[+-]?[0-9]+\\z') THEN TRY_CAST(`conf_cases` AS BIGINT) END, raise_error(concat('column conf_cases: \'', `conf_cases`, '\' is not an integer'))) END AS `conf_cases`,
  CASE WHEN `prob_cases` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`prob_cases`, '\\A[+-]?[0-9]+\\z') THEN TRY_CAST(`prob_cases` AS BIGINT) END, raise_error(concat('column prob_cases: \'', `prob_cases`, '\' is not an integer'))) END AS `prob_cases`,
  CASE WHEN `new_case` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`new_case`, '\\A[+-]?[0-9]+\\z') THEN TRY_CAST(`new_case` AS BIGINT) END, raise_error(concat('column new_case: \'', `new_case`, '\' is not an integer'))) END AS `new_case`,
  CASE WHEN `pnew_case` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`pnew_case`, '\\A[+-]?[0-9]+\\z') THEN TRY_CAST(`pnew_case` AS BIGINT) END, raise_error(concat('column pnew_case: \'', `pnew_case`, '\' is not an integer'))) END AS `pnew_case`,
  CASE WHEN `tot_death` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`tot_death`, '\\A[+-]?[0-9]+\\z') THEN TRY_CAST(`tot_death` AS BIGINT) END, raise_error(concat('column tot_death: \'', `tot_death`, '\' is not an integer'))) END AS `tot_death`,
  CASE WHEN `conf_death` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`conf_death`, '\\A[+-]?[0-9]+\\z') THEN TRY_CAST(`conf_death` AS BIGINT) END, raise_error(concat('column conf_death: \'', `conf_death`, '\' is not an integer'))) END AS `conf_death`,
  CASE WHEN `prob_death` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`prob_death`, '\\A[+-]?[0-9]+\\z') THEN TRY_CAST(`prob_death` AS BIGINT) END, raise_error(concat('column prob_death: \'', `prob_death`, '\' is not an integer'))) END AS `prob_death`,
  CASE WHEN `new_death` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`new_death`, '\\A[+-]?[0-9]+\\z') THEN TRY_CAST(`new_death` AS BIGINT) END, raise_error(concat('column new_death: \'', `new_death`, '\' is not an integer'))) END AS `new_death`,
  CASE WHEN `pnew_death` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`pnew_death`, '\\A[+-]?[0-9]+\\z') THEN TRY_CAST(`pnew_death` AS BIGINT) END, raise_error(concat('column pnew_death: \'', `pnew_death`, '\' is not an integer'))) END AS `pnew_death`,
  CASE WHEN `created_at` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`created_at`, '\\A[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [AaPp][Mm]\\z') THEN try_to_timestamp(`created_at`, 'MM/dd/yyyy hh:mm:ss a') END, raise_error(concat('column created_at: \'', `created_at`, '\' is not a timestamp written MM/DD/YYYY hh:mm:ss AM'))) END AS `created_at`,
  `consent_cases` AS `consent_cases`,
  `consent_deaths` AS `consent_deaths`
FROM `dataset_csv`;

INSERT OVERWRITE DIRECTORY '/data/results/golden/spark-output' USING json OPTIONS (ignoreNullFields 'false')
WITH `aggregated` AS (
  SELECT CAST(`submission_date` AS DATE) AS `period`,
    `state` AS `state`,
    CAST(SUM(`new_case`) AS BIGINT) AS `cases`
  FROM `dataset`
  WHERE `submission_date` >= DATE '2021-03-01'
    AND `submission_date` <= DATE '2021-03-31'
    AND `state` IN ('FL')
  GROUP BY CAST(`submission_date` AS DATE), `state`
)
SELECT `period`, `state`, `cases`, `cases_7d`, CASE WHEN `_residents` IS NULL THEN NULL ELSE CAST(`cases_7d` AS DOUBLE) * 100000 / `_residents` END AS `cases_7d_per_100k`
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
LEFT JOIN (VALUES ('AK', CAST(731545 AS BIGINT)), ('AL', CAST(4903185 AS BIGINT)), ('AR', CAST(3017804 AS BIGINT)), ('AZ', CAST(7278717 AS BIGINT)), ('CA', CAST(39512223 AS BIGINT)), ('CO', CAST(5758736 AS BIGINT)), ('CT', CAST(3565287 AS BIGINT)), ('DC', CAST(705749 AS BIGINT)), ('DE', CAST(973764 AS BIGINT)), ('FL', CAST(21477737 AS BIGINT)), ('GA', CAST(10617423 AS BIGINT)), ('HI', CAST(1415872 AS BIGINT)), ('IA', CAST(3155070 AS BIGINT)), ('ID', CAST(1787065 AS BIGINT)), ('IL', CAST(12671821 AS BIGINT)), ('IN', CAST(6732219 AS BIGINT)), ('KS', CAST(2913314 AS BIGINT)), ('KY', CAST(4467673 AS BIGINT)), ('LA', CAST(4648794 AS BIGINT)), ('MA', CAST(6892503 AS BIGINT)), ('MD', CAST(6045680 AS BIGINT)), ('ME', CAST(1344212 AS BIGINT)), ('MI', CAST(9986857 AS BIGINT)), ('MN', CAST(5639632 AS BIGINT)), ('MO', CAST(6137428 AS BIGINT)), ('MS', CAST(2976149 AS BIGINT)), ('MT', CAST(1068778 AS BIGINT)), ('NC', CAST(10488084 AS BIGINT)), ('ND', CAST(762062 AS BIGINT)), ('NE', CAST(1934408 AS BIGINT)), ('NH', CAST(1359711 AS BIGINT)), ('NJ', CAST(8882190 AS BIGINT)), ('NM', CAST(2096829 AS BIGINT)), ('NV', CAST(3080156 AS BIGINT)), ('OH', CAST(11689100 AS BIGINT)), ('OK', CAST(3956971 AS BIGINT)), ('OR', CAST(4217737 AS BIGINT)), ('PA', CAST(12801989 AS BIGINT)), ('PR', CAST(3193694 AS BIGINT)), ('RI', CAST(1059361 AS BIGINT)), ('SC', CAST(5148714 AS BIGINT)), ('SD', CAST(884659 AS BIGINT)), ('TN', CAST(6829174 AS BIGINT)), ('TX', CAST(28995881 AS BIGINT)), ('UT', CAST(3205958 AS BIGINT)), ('VA', CAST(8535519 AS BIGINT)), ('VT', CAST(623989 AS BIGINT)), ('WA', CAST(7614893 AS BIGINT)), ('WI', CAST(5822434 AS BIGINT)), ('WV', CAST(1792147 AS BIGINT)), ('WY', CAST(578759 AS BIGINT))) AS `population`(`_code`, `_residents`)
  ON `_code` = `state`
ORDER BY `period` ASC NULLS LAST, `state` ASC NULLS LAST
LIMIT 100000;
