-- golden: resp-net-year-in-place
-- Spark features: a rows.csv in place: MMWR year written 2022.0 (regexp_like, regexp_replace), a date from 'yyyy-MM-dd HH:mm:ss' by try_to_timestamp, YEAR as date_trunc('YEAR'), sites as geography
-- covid-analysis: resp-net-rates over CSV in place
SET spark.sql.variable.substitute=false;
SET spark.sql.parser.escapedStringLiterals=false;
SET spark.sql.ansi.enabled=true;
SET spark.sql.legacy.timeParserPolicy=CORRECTED;
SET spark.sql.session.timeZone=UTC;
SET spark.sql.csv.parser.columnPruning.enabled=false;
SET spark.sql.csv.filterPushdown.enabled=false;
SET spark.sql.parquet.datetimeRebaseModeInRead=CORRECTED;

CREATE OR REPLACE TEMPORARY VIEW `dataset_csv` USING csv OPTIONS (path '/data/datasets/resp-net-rates/original.csv', header 'true', inferSchema 'false', sep ',', quote '"', escape '"', nullValue '', multiLine 'false', mode 'FAILFAST');
CREATE OR REPLACE TEMPORARY VIEW `dataset` AS
SELECT `Surveillance Network` AS `surveillance_network`,
  `Season` AS `season`,
  CASE WHEN `MMWR Year` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`MMWR Year`, '\\A[+-]?[0-9]+(?:\\.0+)?\\z') THEN TRY_CAST(regexp_replace(`MMWR Year`, '\\.0+\\z', '') AS BIGINT) END, raise_error(concat('column mmwr_year: \'', `MMWR Year`, '\' is not an integer'))) END AS `mmwr_year`,
  CASE WHEN `MMWR Week` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`MMWR Week`, '\\A[+-]?[0-9]+(?:\\.0+)?\\z') THEN TRY_CAST(regexp_replace(`MMWR Week`, '\\.0+\\z', '') AS BIGINT) END, raise_error(concat('column mmwr_week: \'', `MMWR Week`, '\' is not an integer'))) END AS `mmwr_week`,
  `Age group` AS `age_group`,
  `Sex` AS `sex`,
  `Race/Ethnicity` AS `race_ethnicity`,
  `Site` AS `site`,
  CASE WHEN `Weekly Rate` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`Weekly Rate`, '\\A[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?\\z') AND abs(TRY_CAST(`Weekly Rate` AS DOUBLE)) <= 1.7976931348623157E308 THEN TRY_CAST(`Weekly Rate` AS DOUBLE) END, raise_error(concat('column weekly_rate: \'', `Weekly Rate`, '\' is not a number'))) END AS `weekly_rate`,
  CASE WHEN `Cumulative Rate` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`Cumulative Rate`, '\\A[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?\\z') AND abs(TRY_CAST(`Cumulative Rate` AS DOUBLE)) <= 1.7976931348623157E308 THEN TRY_CAST(`Cumulative Rate` AS DOUBLE) END, raise_error(concat('column cumulative_rate: \'', `Cumulative Rate`, '\' is not a number'))) END AS `cumulative_rate`,
  CASE WHEN `Week Ending Date` IS NULL THEN NULL ELSE COALESCE(CASE WHEN regexp_like(`Week Ending Date`, '\\A[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\\z') THEN CAST(try_to_timestamp(`Week Ending Date`, 'yyyy-MM-dd HH:mm:ss') AS DATE) END, raise_error(concat('column _weekenddate: \'', `Week Ending Date`, '\' is not a date written YYYY-MM-DD HH:mm:ss'))) END AS `_weekenddate`,
  `Type` AS `type`
FROM `dataset_csv`;

INSERT OVERWRITE DIRECTORY '/data/results/golden/spark-output' USING json OPTIONS (ignoreNullFields 'false')
SELECT `period`, `site`, `mean_rate`, `weeks`, `first_year`
FROM (
  SELECT CAST(date_trunc('YEAR', `_weekenddate`) AS DATE) AS `period`,
    `site` AS `site`,
    CAST(AVG(`weekly_rate`) AS DOUBLE) AS `mean_rate`,
    COUNT(*) AS `weeks`,
    MIN(`mmwr_year`) AS `first_year`
  FROM (SELECT *,
      CASE `site` WHEN 'California' THEN 'CA' WHEN 'Colorado' THEN 'CO' WHEN 'Connecticut' THEN 'CT' WHEN 'Georgia' THEN 'GA' WHEN 'Iowa' THEN 'IA' WHEN 'Maryland' THEN 'MD' WHEN 'Michigan' THEN 'MI' WHEN 'Minnesota' THEN 'MN' WHEN 'New Mexico' THEN 'NM' WHEN 'New York' THEN 'NY' WHEN 'North Carolina' THEN 'NC' WHEN 'Ohio' THEN 'OH' WHEN 'Oregon' THEN 'OR' WHEN 'Tennessee' THEN 'TN' WHEN 'Utah' THEN 'UT' END AS `jurisdiction`,
      CASE `site` WHEN 'Overall' THEN 'network' WHEN 'California' THEN 'site' WHEN 'Colorado' THEN 'site' WHEN 'Connecticut' THEN 'site' WHEN 'Georgia' THEN 'site' WHEN 'Iowa' THEN 'site' WHEN 'Maryland' THEN 'site' WHEN 'Michigan' THEN 'site' WHEN 'Minnesota' THEN 'site' WHEN 'New Mexico' THEN 'site' WHEN 'New York' THEN 'site' WHEN 'North Carolina' THEN 'site' WHEN 'Ohio' THEN 'site' WHEN 'Oregon' THEN 'site' WHEN 'Tennessee' THEN 'site' WHEN 'Utah' THEN 'site' END AS `geo_level`
    FROM `dataset`) AS `places`
  WHERE `surveillance_network` IN ('COVID-NET')
    AND `age_group` IN ('Overall')
    AND `sex` IN ('Overall')
    AND `race_ethnicity` IN ('Overall')
    AND `type` IN ('Unadjusted Rate')
    AND `geo_level` IN ('site')
  GROUP BY CAST(date_trunc('YEAR', `_weekenddate`) AS DATE), `site`
) AS `aggregated`
ORDER BY `period` ASC NULLS LAST, `site` ASC NULLS LAST
LIMIT 100000;
