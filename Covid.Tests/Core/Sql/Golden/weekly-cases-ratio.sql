-- golden: weekly-cases-ratio
-- Spark features: the session confs as SET statements, date_trunc('WEEK') (Monday weeks), SUM cast to its field's type (BIGINT), ratio over DOUBLE, NULLS LAST in ORDER BY, DATE literals
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
SELECT `period`, `state`, `cases`, `deaths`, CASE WHEN `cases` = 0 OR `cases` IS NULL THEN NULL ELSE CAST(`deaths` AS DOUBLE) / `cases` END AS `cfr`
FROM (
  SELECT CAST(date_trunc('WEEK', `submission_date`) AS DATE) AS `period`,
    `state` AS `state`,
    CAST(SUM(`new_case`) AS BIGINT) AS `cases`,
    CAST(SUM(`new_death`) AS BIGINT) AS `deaths`
  FROM `dataset`
  WHERE `submission_date` >= DATE '2020-03-02'
    AND `submission_date` <= DATE '2020-09-20'
    AND `state` IN ('NY', 'NYC', 'NJ', 'CA')
  GROUP BY CAST(date_trunc('WEEK', `submission_date`) AS DATE), `state`
) AS `aggregated`
ORDER BY `cases` DESC NULLS LAST, `period` ASC NULLS LAST, `state` ASC NULLS LAST
LIMIT 500;
