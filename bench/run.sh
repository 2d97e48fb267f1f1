#!/usr/bin/env bash
# Benchmarks: the typed Parquet written at upload against reading the CSV on every analysis
# (the same plan, engine and process; medians of interleaved runs). Figures are ratios, because
# these machines are shared and noisy.
#   bash bench/run.sh [ROWS]   (ROWS of synthetic case surveillance, default 2000000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rows="${1:-2000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build -c Release bench/Covid.Bench >/dev/null
dotnet build -c Release Covid.Client/Cli >/dev/null
bench=(dotnet bench/Covid.Bench/bin/Release/net10.0/Covid.Bench.dll)

real=../shared/data/cdc/cdc_9mfq-cb36_cases_deaths_by_state_2021-05-30.csv
if [[ -f "$real" ]]; then
  echo "== real CDC export (9mfq-cb36), the issue's weekly example"
  "${bench[@]}" "$real" cdc-cases-deaths-by-state deploy/examples/weekly-cases-by-state.json 9
  echo
fi

echo "== SYNTHETIC case surveillance (vbim-akqf layout), $rows rows"
dotnet Covid.Client/Cli/bin/Release/net10.0/covid.dll datasets generate --schema cdc-case-surveillance \
  --rows "$rows" --out "$work/surveillance.csv" 2>/dev/null
"${bench[@]}" "$work/surveillance.csv" cdc-case-surveillance bench/specs/surveillance-monthly-by-age.json 5
