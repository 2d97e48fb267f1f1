// Names of Apache Spark 3.5 built-in functions (https://spark.apache.org/docs/3.5.0/api/sql/ and
// sql-ref-functions-builtin.html), the subset an analysis script could plausibly call. The parser
// accepts any identifier as a function name, so this list is what makes DuckDB-only functions such
// as strptime, read_csv_auto, read_parquet, epoch or list_value fail the gate.
export const sparkFunctions = new Set(`
abs acos add_months aggregate and any any_value approx_count_distinct approx_percentile array
array_agg array_contains array_distinct array_except array_join array_max array_min array_position
array_remove array_repeat array_size array_sort array_union arrays_overlap arrays_zip ascii asin atan
atan2 avg bigint bit_length bool_and bool_or boolean bround btrim cardinality case cast cbrt ceil
ceiling char char_length character_length coalesce collect_list collect_set concat concat_ws contains
corr cos cosh count count_if covar_pop covar_samp cume_dist current_date current_timestamp
date date_add date_diff date_format date_from_unix_date date_part date_sub date_trunc dateadd datediff
datepart day dayofmonth dayofweek dayofyear decimal degrees dense_rank double e element_at endswith
every exists exp explode explode_outer expm1 extract factorial filter first first_value flatten float
floor forall format_number format_string from_json from_unixtime from_utc_timestamp get_json_object
greatest grouping grouping_id hash hex hour if ifnull ilike in initcap inline inline_outer instr int
isnan isnotnull isnull lag last last_day last_value lcase lead least left len length levenshtein like
ln locate log log10 log1p log2 lower lpad ltrim make_date make_interval make_timestamp map max max_by
md5 mean median min min_by minute mod mode monotonically_increasing_id month months_between named_struct
nanvl negative next_day not now nth_value ntile nullif nvl nvl2 octet_length or overlay percent_rank
percentile percentile_approx pi pmod posexplode posexplode_outer position positive pow power quarter
radians raise_error rand randn random range rank regexp regexp_count regexp_extract regexp_extract_all regexp_like
regexp_replace regexp_substr repeat replace reverse right rint rlike round row_number rpad rtrim
second sequence sha1 sha2 shiftleft shiftright sign signum sin sinh size slice smallint sort_array
soundex space split split_part sqrt stack startswith std stddev stddev_pop stddev_samp string struct
substr substring substring_index sum tan tanh timestamp timestamp_micros timestamp_millis
timestamp_seconds tinyint to_char to_date to_json to_number to_timestamp to_unix_timestamp
to_utc_timestamp transform translate trim trunc try_add try_avg try_cast try_divide try_element_at
try_multiply try_subtract try_sum try_to_number try_to_timestamp typeof ucase unbase64 unhex
unix_date unix_seconds unix_timestamp upper var_pop var_samp variance weekday weekofyear when
width_bucket window xxhash64 year
`.split(/\s+/).filter(Boolean));
