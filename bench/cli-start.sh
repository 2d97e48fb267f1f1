#!/usr/bin/env bash
# CLI start-up: the covid tool as users install it (the Native AOT linux-x64 package) against a
# one-shot Python client generated from protos/ (Debian's python3-grpcio), both listing datasets
# from the same running server, interleaved, medians of 15 runs each.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work="$(mktemp -d)"
server_pid=""
cleanup() { [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

for rid in "" linux-x64; do
  dotnet pack Covid.Client/Cli -c Release -o "$work/packages" -nologo -v quiet ${rid:+-r "$rid"} >/dev/null
done
version="$(dotnet msbuild Covid.Client/Cli/Covid.Cli.csproj -getProperty:Version)"
NUGET_PACKAGES="$work/nuget" dotnet tool install --tool-path "$work/tools" --add-source "$work/packages" Covid.Cli --version "$version" >/dev/null
# google/api too: the services' HTTP annotations import it, and Debian packages no googleapis-common-protos.
/usr/bin/python3 -m grpc_tools.protoc -I protos --python_out="$work" --grpc_python_out="$work" protos/covid/v1/*.proto protos/google/api/*.proto
cat > "$work/list.py" <<'PY'
import sys, grpc
from covid.v1 import dataset_pb2, dataset_pb2_grpc
stub = dataset_pb2_grpc.DatasetServiceStub(grpc.insecure_channel(sys.argv[1]))
for d in stub.ListDatasets(dataset_pb2.ListDatasetsRequest()).datasets:
    print(d.name, d.row_count)
PY

dotnet build -c Release Covid.Server -nologo -v quiet >/dev/null
port=$(( 20000 + RANDOM % 20000 ))
dotnet Covid.Server/bin/Release/net10.0/Covid.Server.dll --urls "http://127.0.0.1:$port" --Data:Directory="$work/data" \
  --Data:Seed=../shared/data/cdc/cdc_9mfq-cb36_cases_deaths_by_state_2021-05-30.csv --Logging:LogLevel:Default=Warning >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  "$work/tools/covid" --server "http://127.0.0.1:$port" datasets list >/dev/null 2>&1 && break
  sleep 0.5
done

# Each client once, untimed: a client that fails would otherwise be timed failing.
"$work/tools/covid" --server "http://127.0.0.1:$port" datasets list | grep -q . || { echo "bench: covid datasets list listed nothing" >&2; exit 1; }
(cd "$work" && /usr/bin/python3 list.py "127.0.0.1:$port") | grep -q . || { echo "bench: the Python client listed nothing" >&2; exit 1; }

ms() { local start end; start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
covid=() python=()
for _ in $(seq 1 15); do
  covid+=("$(ms "$work/tools/covid" --server "http://127.0.0.1:$port" datasets list)")
  python+=("$(cd "$work" && ms /usr/bin/python3 list.py "127.0.0.1:$port")")
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
c=$(median "${covid[@]}") p=$(median "${python[@]}")
echo "| command | median ms |"
echo "|---|---:|"
echo "| \`covid datasets list\` (installed tool, $(head -c 4 "$(readlink -f "$work/tools/covid")" | od -An -c | tr -d ' ' | sed 's/177ELF/native/')) | $c |"
echo "| one-shot Python client (grpcio) | $p |"
awk -v c="$c" -v p="$p" 'BEGIN { printf "\ncovid / Python: %.2fx\n", (c == 0 ? 0.5 : c) / p }'
