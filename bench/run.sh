#!/usr/bin/env bash
# Benchmarks, not timed tests: every figure is ours against a baseline measured in the same run,
# reported as a ratio, because these machines are shared and noisy.
#   bash bench/run.sh all              every figure below, in order
#   bash bench/run.sh small            small analyses end to end through gRPC vs the same SQL in a warm DuckDB (1 and 16 clients)
#   bash bench/run.sh small-plot       the same with a plot in each spec (drawn by the first GetPlot), without it, and with every chart fetched
#   bash bench/run.sh cache            one spec submitted again and again (answered with the analysis that ran it) vs its SQL in a warm DuckDB
#   bash bench/run.sh concurrency      16 clients at Jobs:MaxConcurrent 2, 4, 8 and 16
#   bash bench/run.sh chart            drawing 60 series × 700 days vs a one-point chart of the same size
#   bash bench/run.sh plot-path        the weekly example's chart path a stage at a time (CPU ms each) vs the whole analysis without its chart
#   bash bench/run.sh huge-spec        server CPU of a 100,000-value spec: refused by the count-first limit vs validated in full
#   bash bench/run.sh parquet [ROWS]   Parquet written at upload vs reading the CSV on every analysis
#   bash bench/run.sh cli              `covid datasets list` (the installed tool) vs a one-shot Python gRPC client
#   bash bench/run.sh spark-launch     submit → Spark driver pod created against the fake API server vs one bare create call; API calls per analysis
#   bash bench/run.sh history          server start and ListAnalyses with 10,000 stored analyses vs 50
#   bash bench/run.sh faults [TRIALS]  the fault harness: the real server process SIGKILLed/SIGTERMed/filled at random (default 50 trials)
#   bash bench/run.sh ingest [ROWS,…] [RUNS]  UploadDataset of 1M and 10M state rows through the server process vs DuckDB's own CSV→Parquet COPY (3 runs)
#   bash bench/run.sh ingest-rss [BYTES]  the server process' peak RSS (VmHWM) while it takes a 2 GB upload
# Tables go to stdout and to bench/results/FIGURE.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
figure="${1:-all}"
shift || true
mkdir -p bench/results
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Servers' data directories are deleted here, after every figure, not by each figure (bench/Covid.Bench/SpentDirectories.cs).
export COVID_BENCH_SPENT="$work/spent"

real=../shared/data/cdc/cdc_9mfq-cb36_cases_deaths_by_state_2021-05-30.csv
example=deploy/examples/weekly-cases-by-state.json
dotnet build -c Release bench/Covid.Bench -v quiet -nologo -clp:NoSummary >/dev/null
bench=(dotnet bench/Covid.Bench/bin/Release/net10.0/Covid.Bench.dll)

need_real() {
  if [[ ! -f "$real" ]]; then
    echo "bench: $real is missing (the shared CDC files sit beside the repository)" >&2
    exit 1
  fi
}

published_server() { # the server as the image runs it: published ReadyToRun, in its own process
  dotnet publish Covid.Server -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
    -o bench/.server -v quiet -nologo -clp:NoSummary >/dev/null
  published=bench/.server/Covid.Server.dll
}

record() { # FIGURE TITLE COMMAND… — runs it, keeps its table with the date and the command
  local name="$1" title="$2"
  shift 2
  {
    echo "### $title"
    echo
    echo "\`bash bench/run.sh $name\` on $(date -u +%Y-%m-%d), $(nproc) cores"
    echo
    "$@"
    echo
  } | tee "bench/results/$name.md"
}

run() {
  case "$1" in
    small)
      need_real
      published_server
      record small "Small analyses, no chart" "${bench[@]}" small "$real" "$example" --clients 1,16 --server "$published" "${@:2}" ;;
    small-plot)
      need_real
      published_server
      record small-plot "Small analyses with a plot in the spec" "${bench[@]}" small "$real" "$example" --clients 1,16 --plot --server "$published" "${@:2}" ;;
    cache)
      need_real
      published_server
      record cache "An identical spec submitted again" "${bench[@]}" small "$real" "$example" --clients 1,16 --identical --server "$published" "${@:2}" ;;
    concurrency)
      need_real
      published_server
      local each=""
      for n in 2 4 8 16; do
        each+="$(printf '%q ' "${bench[@]}") small $(printf '%q' "$real") $(printf '%q' "$example") --clients 16 --max-concurrent $n --server $(printf '%q' "$published") && "
      done
      record concurrency "16 clients at Jobs:MaxConcurrent 2, 4, 8 and 16" bash -c "${each}true" ;;
    chart)
      record chart "Chart drawing" "${bench[@]}" chart ;;
    plot-path)
      need_real
      record plot-path "The chart path of a small analysis, stage by stage" "${bench[@]}" plot-path "$real" "$example" "${@:2}" ;;
    huge-spec)
      need_real
      record huge-spec "A spec of 100,000 filter values: what it costs the server" "${bench[@]}" huge-spec "$real" "$example" ;;
    parquet)
      local rows="${2:-2000000}"
      dotnet build -c Release Covid.Client/Cli -v quiet -nologo -clp:NoSummary >/dev/null
      dotnet Covid.Client/Cli/bin/Release/net10.0/covid.dll datasets generate --schema cdc-case-surveillance \
        --rows "$rows" --out "$work/surveillance.csv" 2>/dev/null
      {
        if [[ -f "$real" ]]; then
          "${bench[@]}" parquet "$real" cdc-cases-deaths-by-state "$example" 9
          echo
        fi
        "${bench[@]}" parquet "$work/surveillance.csv" cdc-case-surveillance bench/specs/surveillance-monthly-by-age.json 5
      } > "$work/parquet.txt"
      record parquet "Parquet at upload vs CSV per analysis ($rows synthetic case rows)" cat "$work/parquet.txt" ;;
    history)
      need_real
      record history "Start-up and ListAnalyses with a long history" "${bench[@]}" history "$real" "$example" ;;
    faults)
      need_real
      local trials="${2:-50}"
      CI=true FAULT_TRIALS="$trials" FAULT_REPORT="$work/faults.md" dotnet test Covid.Tests -nologo -v quiet \
        --filter "FullyQualifiedName~FaultHarnessTests" >"$work/faults.log" 2>&1 || { cat "$work/faults.log" >&2; cat "$work/faults.md" >&2 || true; exit 1; }
      record faults "Fault harness: $trials trials against the real server process" cat "$work/faults.md" ;;
    ingest)
      need_real
      published_server
      record ingest "Ingest: upload through the server vs DuckDB's COPY" "${bench[@]}" ingest "$published" "$real" --rows "${2:-1000000,10000000}" --runs "${3:-3}" ;;
    ingest-rss)
      need_real
      published_server
      record ingest-rss "Server peak RSS during a large upload" "${bench[@]}" ingest-rss "$published" "$real" --bytes "${2:-2000000000}" ;;
    cli)
      need_real
      record cli "CLI start: covid datasets list vs a one-shot Python gRPC client" bash bench/cli-start.sh ;;
    spark-launch)
      need_real
      record spark-launch "Spark launcher: submit → driver pod, API calls per analysis" "${bench[@]}" spark-launch "$example" ;;
    *)
      echo "bench: unknown figure '$1' (all, small, small-plot, cache, concurrency, chart, plot-path, huge-spec, parquet, ingest, ingest-rss, cli, spark-launch, history, faults)" >&2
      exit 2 ;;
  esac
}

if [[ "$figure" == all ]]; then
  for f in small small-plot cache concurrency chart plot-path huge-spec parquet ingest ingest-rss cli spark-launch history faults; do run "$f"; done
else
  run "$figure" "$@"
fi
