-- golden: resp-lens-in-place
-- Spark features: a SODA CSV in place: typed view of API field names, integers through regexp_like/regexp_replace/TRY_CAST, the MMWR week end from yyyyww (floor(week / 100), week % 100) with make_date/date_add; positivity as a ratio of two SUMs
-- covid-analysis: resp-lens-positivity over CSV in place
SET spark.sql.variable.substitute=false;
SET spark.sql.parser.escapedStringLiterals=false;
SET spark.sql.ansi.enabled=true;
SET spark.sql.legacy.timeParserPolicy=CORRECTED;
SET spark.sql.session.timeZone=UTC;
SET spark.sql.csv.parser.columnPruning.enabled=false;
SET spark.sql.csv.filterPushdown.enabled=false;
SET spark.sql.parquet.datetimeRebaseModeInRead=CORRECTED;

CREATE OR REPLACE TEMPORARY VIEW `dataset_csv` USING csv OPTIONS (path '/data/datasets/resp-lens-positivity/original.csv', header 'true', inferSchema 'false', sep ',', quote '"', escape '"', nullValue '', multiLine 'false', mode 'FAILFAST');
CREATE OR REPLACE TEMPORARY VIEW `dataset` AS
SELECT `season` AS `season`,
  CASE WHEN `week` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`week`, '\\A[+-]?[0-9]+(?:\\.0+)?\\z') THEN TRY_CAST(regexp_replace(`week`, '\\.0+\\z', '') AS BIGINT) END, raise_error(concat('column week: \'', `week`, '\' is not an integer'))) END AS `week`,
  `virus` AS `virus`,
  `region` AS `region`,
  `age_gp` AS `age_gp`,
  CASE WHEN `number_pos` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`number_pos`, '\\A[+-]?[0-9]+(?:\\.0+)?\\z') THEN TRY_CAST(regexp_replace(`number_pos`, '\\.0+\\z', '') AS BIGINT) END, raise_error(concat('column number_pos: \'', `number_pos`, '\' is not an integer'))) END AS `number_pos`,
  CASE WHEN `number_tested` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`number_tested`, '\\A[+-]?[0-9]+(?:\\.0+)?\\z') THEN TRY_CAST(regexp_replace(`number_tested`, '\\.0+\\z', '') AS BIGINT) END, raise_error(concat('column number_tested: \'', `number_tested`, '\' is not an integer'))) END AS `number_tested`,
  CASE WHEN `percent_pos` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`percent_pos`, '\\A[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?\\z') AND abs(TRY_CAST(`percent_pos` AS DOUBLE)) <= 1.7976931348623157E308 THEN TRY_CAST(`percent_pos` AS DOUBLE) END, raise_error(concat('column percent_pos: \'', `percent_pos`, '\' is not a number'))) END AS `percent_pos`,
  date_add(make_date(CAST(CAST(floor(CASE WHEN `week` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`week`, '\\A[+-]?[0-9]+(?:\\.0+)?\\z') THEN TRY_CAST(regexp_replace(`week`, '\\.0+\\z', '') AS BIGINT) END, raise_error(concat('column week: \'', `week`, '\' is not an integer'))) END / 100) AS BIGINT) AS INT), 1, 4), CAST(7 * ((CASE WHEN `week` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`week`, '\\A[+-]?[0-9]+(?:\\.0+)?\\z') THEN TRY_CAST(regexp_replace(`week`, '\\.0+\\z', '') AS BIGINT) END, raise_error(concat('column week: \'', `week`, '\' is not an integer'))) END % 100) - 1) + 6 - (dayofweek(make_date(CAST(CAST(floor(CASE WHEN `week` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`week`, '\\A[+-]?[0-9]+(?:\\.0+)?\\z') THEN TRY_CAST(regexp_replace(`week`, '\\.0+\\z', '') AS BIGINT) END, raise_error(concat('column week: \'', `week`, '\' is not an integer'))) END / 100) AS BIGINT) AS INT), 1, 4)) - 1) AS INT)) AS `week_ending_date`
FROM `dataset_csv`;

INSERT OVERWRITE DIRECTORY '/data/results/golden/spark-output' USING json OPTIONS (ignoreNullFields 'false')
SELECT `period`, CAST(year(date_add(`period`, CAST(3 AS INT))) AS BIGINT) AS `mmwr_year`, CAST(floor((dayofyear(date_add(`period`, CAST(3 AS INT))) - 1) / 7) AS BIGINT) + 1 AS `mmwr_week`, `jurisdiction`, `positive`, `tested`, CASE WHEN `tested` = 0 OR `tested` IS NULL THEN NULL ELSE CAST(`positive` AS DOUBLE) / `tested` END AS `positivity`
FROM (
  SELECT date_add(`week_ending_date`, CAST(-(dayofweek(`week_ending_date`) - 1) AS INT)) AS `period`,
    `jurisdiction` AS `jurisdiction`,
    CAST(SUM(`number_pos`) AS BIGINT) AS `positive`,
    CAST(SUM(`number_tested`) AS BIGINT) AS `tested`
  FROM (SELECT *,
      CASE `region` WHEN 'National' THEN 'US' WHEN 'Region 1' THEN 'HHS1' WHEN 'Region 2' THEN 'HHS2' WHEN 'Region 3' THEN 'HHS3' WHEN 'Region 4' THEN 'HHS4' WHEN 'Region 5' THEN 'HHS5' WHEN 'Region 6' THEN 'HHS6' WHEN 'Region 7' THEN 'HHS7' WHEN 'Region 8' THEN 'HHS8' WHEN 'Region 9' THEN 'HHS9' WHEN 'Region 10' THEN 'HHS10' END AS `jurisdiction`,
      CASE `region` WHEN 'National' THEN 'nation' WHEN 'Region 1' THEN 'hhs_region' WHEN 'Region 2' THEN 'hhs_region' WHEN 'Region 3' THEN 'hhs_region' WHEN 'Region 4' THEN 'hhs_region' WHEN 'Region 5' THEN 'hhs_region' WHEN 'Region 6' THEN 'hhs_region' WHEN 'Region 7' THEN 'hhs_region' WHEN 'Region 8' THEN 'hhs_region' WHEN 'Region 9' THEN 'hhs_region' WHEN 'Region 10' THEN 'hhs_region' END AS `geo_level`
    FROM `dataset`) AS `places`
  WHERE `virus` IN ('SARS-CoV-2')
    AND `age_gp` IN ('All Ages')
    AND `jurisdiction` IN ('US', 'HHS2')
  GROUP BY date_add(`week_ending_date`, CAST(-(dayofweek(`week_ending_date`) - 1) AS INT)), `jurisdiction`
) AS `aggregated`
ORDER BY `period` ASC NULLS LAST, `jurisdiction` ASC NULLS LAST
LIMIT 100000;
