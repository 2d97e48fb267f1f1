-- golden: per100k-weekly
-- Spark features: inline population table (VALUES ... AS population(_code, _residents)) LEFT JOINed on the state, rate over DOUBLE, NULL without a Census estimate
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
SELECT `period`, `state`, `cases`, CASE WHEN `_residents` IS NULL THEN NULL ELSE CAST(`cases` AS DOUBLE) * 100000 / `_residents` END AS `cases_per_100k`
FROM (
  SELECT CAST(date_trunc('WEEK', `submission_date`) AS DATE) AS `period`,
    `state` AS `state`,
    CAST(SUM(`new_case`) AS BIGINT) AS `cases`
  FROM `dataset`
  WHERE `submission_date` >= DATE '2021-01-04'
    AND `submission_date` <= DATE '2021-01-31'
    AND `state` IN ('NY', 'NYC', 'VT', 'GU')
  GROUP BY CAST(date_trunc('WEEK', `submission_date`) AS DATE), `state`
) AS `aggregated`
LEFT JOIN (VALUES ('AK', CAST(731545 AS BIGINT)), ('AL', CAST(4903185 AS BIGINT)), ('AR', CAST(3017804 AS BIGINT)), ('AZ', CAST(7278717 AS BIGINT)), ('CA', CAST(39512223 AS BIGINT)), ('CO', CAST(5758736 AS BIGINT)), ('CT', CAST(3565287 AS BIGINT)), ('DC', CAST(705749 AS BIGINT)), ('DE', CAST(973764 AS BIGINT)), ('FL', CAST(21477737 AS BIGINT)), ('GA', CAST(10617423 AS BIGINT)), ('HI', CAST(1415872 AS BIGINT)), ('IA', CAST(3155070 AS BIGINT)), ('ID', CAST(1787065 AS BIGINT)), ('IL', CAST(12671821 AS BIGINT)), ('IN', CAST(6732219 AS BIGINT)), ('KS', CAST(2913314 AS BIGINT)), ('KY', CAST(4467673 AS BIGINT)), ('LA', CAST(4648794 AS BIGINT)), ('MA', CAST(6892503 AS BIGINT)), ('MD', CAST(6045680 AS BIGINT)), ('ME', CAST(1344212 AS BIGINT)), ('MI', CAST(9986857 AS BIGINT)), ('MN', CAST(5639632 AS BIGINT)), ('MO', CAST(6137428 AS BIGINT)), ('MS', CAST(2976149 AS BIGINT)), ('MT', CAST(1068778 AS BIGINT)), ('NC', CAST(10488084 AS BIGINT)), ('ND', CAST(762062 AS BIGINT)), ('NE', CAST(1934408 AS BIGINT)), ('NH', CAST(1359711 AS BIGINT)), ('NJ', CAST(8882190 AS BIGINT)), ('NM', CAST(2096829 AS BIGINT)), ('NV', CAST(3080156 AS BIGINT)), ('OH', CAST(11689100 AS BIGINT)), ('OK', CAST(3956971 AS BIGINT)), ('OR', CAST(4217737 AS BIGINT)), ('PA', CAST(12801989 AS BIGINT)), ('PR', CAST(3193694 AS BIGINT)), ('RI', CAST(1059361 AS BIGINT)), ('SC', CAST(5148714 AS BIGINT)), ('SD', CAST(884659 AS BIGINT)), ('TN', CAST(6829174 AS BIGINT)), ('TX', CAST(28995881 AS BIGINT)), ('UT', CAST(3205958 AS BIGINT)), ('VA', CAST(8535519 AS BIGINT)), ('VT', CAST(623989 AS BIGINT)), ('WA', CAST(7614893 AS BIGINT)), ('WI', CAST(5822434 AS BIGINT)), ('WV', CAST(1792147 AS BIGINT)), ('WY', CAST(578759 AS BIGINT))) AS `population`(`_code`, `_residents`)
  ON `_code` = `state`
ORDER BY `period` ASC NULLS LAST, `state` ASC NULLS LAST
LIMIT 100000;
