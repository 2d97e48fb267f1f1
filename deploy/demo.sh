#!/usr/bin/env bash
# The main job, end to end on one machine with no network: build, start the server on the
# embedded engine, run every example spec in deploy/examples/ through the covid CLI over real
# gRPC, print each result table and write each chart as a PNG.
#
#   bash deploy/demo.sh [--data FILE] [--out DIR] [--covid CMD]
#
# Data: --data FILE (a CDC "Cases and Deaths by State" CSV export) if given; else the real
# export in ../shared/data/cdc/ beside the repository when present; else the server generates
# a SYNTHETIC CDC-format sample (the script says so, loudly). The current surveillance exports
# (NHSN, NCHS, pwn4-m3yp, COVID-NET, RESP-NET, RESP-LENS) are uploaded from ../shared/data/cdc/
# when present; examples over a dataset that is not there are skipped, and the script says so.
#
# The CLI: --covid CMD (or env COVID_CLI) runs the examples with that command, e.g. an installed
# .NET tool (--covid covid, --covid /tmp/tools/covid); CMD is split on spaces, so
# "dotnet /path/covid.dll" works too. Without it, the covid tool is built from Covid.Client/Cli.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="$ROOT/../shared/data/cdc"
REAL_DATA="$SHARED/cdc_9mfq-cb36_cases_deaths_by_state_2021-05-30.csv"
# Dataset (named as its schema) and the shared export it is loaded from.
CURRENT=(
  "nhsn-hospital-respiratory:cdc_ua7e-t2fy_nhsn_hospital_respiratory_2026-07-17.csv"
  "nchs-provisional-deaths:cdc_r8kw-7aab_nchs_provisional_deaths_by_week_2023-12-07.csv"
  "cdc-weekly-cases-deaths-by-state:cdc_pwn4-m3yp_weekly_cases_deaths_by_state_2023-01-12.csv"
  "covid-net-rates:cdc_6jg4-xsqq_covid_net_weekly_rates_2025-07-24.csv"
  "resp-net-rates:cdc_kvib-3txy_resp_net_rates_2025-07-25.csv"
  "resp-lens-positivity:cdc_ch5i-63ve_resp_lens_lab_positivity_2026-07-07.csv"
)
DATA=""
COVID="${COVID_CLI:-}"
OUT="$ROOT/.artifacts/demo"
STARTUP_SECONDS=90

usage() { echo "usage: bash deploy/demo.sh [--data FILE] [--out DIR] [--covid CMD]" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) [[ $# -ge 2 ]] || usage; DATA="$2"; shift 2 ;;
    --out) [[ $# -ge 2 ]] || usage; OUT="$2"; shift 2 ;;
    --covid) [[ $# -ge 2 ]] || usage; COVID="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "demo: unknown argument '$1'" >&2; usage ;;
  esac
done

if [[ -n "$COVID" ]]; then
  read -r -a COVID_CMD <<<"$COVID"
  (( ${#COVID_CMD[@]} > 0 )) && command -v "${COVID_CMD[0]}" >/dev/null \
    || { echo "demo: --covid / COVID_CLI '$COVID': no such command" >&2; exit 3; }
fi
if [[ -n "$DATA" ]]; then
  [[ -f "$DATA" ]] || { echo "demo: --data $DATA: no such file" >&2; exit 3; }
  DATA="$(cd "$(dirname "$DATA")" && pwd)/$(basename "$DATA")"
elif [[ -f "$REAL_DATA" ]]; then
  DATA="$(cd "$(dirname "$REAL_DATA")" && pwd)/$(basename "$REAL_DATA")"
fi
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== building (Release)"
dotnet build "$ROOT/Covid.Server/Covid.Server.csproj" -c Release -v quiet -nologo -clp:NoSummary
SERVER_DLL="$ROOT/Covid.Server/bin/Release/net10.0/Covid.Server.dll"
if [[ -n "$COVID" ]]; then
  echo "== covid CLI: $COVID"
else
  dotnet build "$ROOT/Covid.Client/Cli/Covid.Cli.csproj" -c Release -v quiet -nologo -clp:NoSummary
  COVID_CMD=(dotnet "$ROOT/Covid.Client/Cli/bin/Release/net10.0/covid.dll")
fi

# A free loopback port: nothing answers a connect on it.
PORT=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then PORT=$candidate; break; fi
done
[[ -n "$PORT" ]] || { echo "demo: found no free loopback port" >&2; exit 1; }
export COVID_SERVER="http://127.0.0.1:$PORT"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/covid-demo.XXXXXX")"
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

SERVER_ARGS=(--urls "$COVID_SERVER" "--Data:Directory=$WORK/data")
if [[ -n "$DATA" ]]; then
  SERVER_ARGS+=("--Data:Seed=$DATA")
  echo "== data: $DATA (real CDC export)"
else
  echo "== data: no CDC file found and no --data given."
  echo "   THE NUMBERS BELOW ARE SYNTHETIC: the server generates a CDC-format sample; they are not real COVID-19 data."
fi

echo "== starting the server on $COVID_SERVER (log: $OUT/server.log)"
dotnet "$SERVER_DLL" "${SERVER_ARGS[@]}" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!

covid() { "${COVID_CMD[@]}" "$@"; }

deadline=$((SECONDS + STARTUP_SECONDS))
until covid datasets list >"$WORK/datasets.txt" 2>"$WORK/datasets.err"; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "demo: the server exited during start-up; its log:" >&2; tail -n 40 "$OUT/server.log" >&2; exit 1
  fi
  if (( SECONDS >= deadline )); then
    echo "demo: the server did not answer within ${STARTUP_SECONDS}s; last error:" >&2
    cat "$WORK/datasets.err" >&2; tail -n 40 "$OUT/server.log" >&2; exit 1
  fi
  sleep 1
done
for entry in "${CURRENT[@]}"; do
  dataset="${entry%%:*}"
  file="$SHARED/${entry#*:}"
  if [[ -f "$file" ]]; then
    echo "== loading $dataset from $file"
    covid datasets upload "$file" --name "$dataset" --schema "$dataset"
  else
    echo "== $dataset: $file is not there; the examples over it are skipped"
  fi
done
echo "== datasets"
covid datasets list
LOADED=" $(covid datasets list --output csv 2>/dev/null | tail -n +2 | cut -d, -f1 | tr '\n' ' ') "

shopt -s nullglob
specs=("$ROOT"/deploy/examples/*.json)
(( ${#specs[@]} > 0 )) || { echo "demo: no specs in deploy/examples/" >&2; exit 1; }
SKIPPED=()
for spec in "${specs[@]}"; do
  name="$(basename "$spec" .json)"
  dataset="$(grep -o '"dataset": *"[^"]*"' "$spec" | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/')"
  echo
  if [[ "$LOADED" != *" $dataset "* ]]; then
    echo "== $name: SKIPPED, dataset $dataset is not loaded (its CDC export is not in $SHARED)"
    SKIPPED+=("$name")
    continue
  fi
  echo "== $name ($spec)"
  covid run "$spec" --plot "$OUT/$name.png" --output table --request-id "demo-$name"
  # Same request id: the server returns the analysis it already ran, so this only fetches its CSV.
  covid run "$spec" --output csv --request-id "demo-$name" >"$OUT/$name.csv" 2>/dev/null
done

echo
echo "== done: charts and CSV in $OUT"
ls -l "$OUT"/*.png
if (( ${#SKIPPED[@]} > 0 )); then echo "   skipped (their data was not found): ${SKIPPED[*]}"; fi
if [[ -z "$DATA" ]]; then echo "   (reminder: SYNTHETIC sample data, not real CDC numbers)"; fi
