#!/usr/bin/env bash
# Spark on Kubernetes, end to end, on a local kind (or minikube) cluster.
#
#   NOT RUN IN CI: the machines this project is built and tested on have no Docker engine and no
#   cluster. It is here for people who have one; the manifests themselves are checked by the
#   tests in Covid.Tests/Deploy/.
#
#   bash deploy/kind.sh [--kind | --minikube] [--cluster NAME] [--spec FILE] [--data CSV] [--out DIR]
#
# Creates (or reuses) the cluster, builds covid-analysis/server:latest, pulls the stock
# apache/spark:3.5.3, loads both into the node, applies deploy/ with the hostPath ReadWriteMany
# volume and the small-cluster sizes of deploy/kind/ (one 1g executor, 500m CPU requests),
# waits for the server, port-forwards it, loads a real CDC export when one is found (else the
# server's synthetic sample is used, and the script says so), and runs one example spec with
# engine SPARK through the covid CLI: the server launches a Spark driver pod, Spark its executors.
# Needs: docker (with a running engine), kubectl, kind or minikube, the .NET 10 SDK.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NAMESPACE=covid-analysis
SERVER_IMAGE=covid-analysis/server:latest
SPARK_IMAGE=apache/spark:3.5.3
HOST_DIR=/var/local/covid-data
CLUSTER=covid-analysis
TOOL=""
SPEC="$ROOT/deploy/examples/weekly-cases-by-state.json"
DATA=""
OUT="$ROOT/.artifacts/kind"
REAL_DATA="$ROOT/../shared/data/cdc/cdc_9mfq-cb36_cases_deaths_by_state_2021-05-30.csv"

usage() { echo "usage: bash deploy/kind.sh [--kind|--minikube] [--cluster NAME] [--spec FILE] [--data CSV] [--out DIR]" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --kind) TOOL=kind; shift ;;
    --minikube) TOOL=minikube; shift ;;
    --cluster) [[ $# -ge 2 ]] || usage; CLUSTER="$2"; shift 2 ;;
    --spec) [[ $# -ge 2 ]] || usage; SPEC="$2"; shift 2 ;;
    --data) [[ $# -ge 2 ]] || usage; DATA="$2"; shift 2 ;;
    --out) [[ $# -ge 2 ]] || usage; OUT="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "kind.sh: unknown argument '$1'" >&2; usage ;;
  esac
done

need() { command -v "$1" >/dev/null 2>&1 || { echo "kind.sh: '$1' is required and not on PATH" >&2; exit 1; }; }
need docker; need kubectl; need dotnet
docker info >/dev/null 2>&1 || { echo "kind.sh: no Docker engine answers (docker info failed)" >&2; exit 1; }
if [[ -z "$TOOL" ]]; then
  if command -v kind >/dev/null 2>&1; then TOOL=kind
  elif command -v minikube >/dev/null 2>&1; then TOOL=minikube
  else echo "kind.sh: neither kind nor minikube is on PATH" >&2; exit 1; fi
fi
need "$TOOL"
[[ -f "$SPEC" ]] || { echo "kind.sh: --spec $SPEC: no such file" >&2; exit 3; }
if [[ -z "$DATA" && -f "$REAL_DATA" ]]; then DATA="$REAL_DATA"; fi
if [[ -n "$DATA" && ! -f "$DATA" ]]; then echo "kind.sh: --data $DATA: no such file" >&2; exit 3; fi
mkdir -p "$OUT"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/covid-kind.XXXXXX")"
FORWARD_PID=""
cleanup() {
  if [[ -n "$FORWARD_PID" ]]; then kill "$FORWARD_PID" 2>/dev/null || true; wait "$FORWARD_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== cluster: $TOOL '$CLUSTER'"
if [[ "$TOOL" == kind ]]; then
  kind get clusters 2>/dev/null | grep -qx "$CLUSTER" || kind create cluster --name "$CLUSTER" --wait 120s
  kubectl config use-context "kind-$CLUSTER" >/dev/null
else
  minikube status -p "$CLUSTER" >/dev/null 2>&1 || minikube start -p "$CLUSTER"
  kubectl config use-context "$CLUSTER" >/dev/null
fi

echo "== building $SERVER_IMAGE (context: $ROOT); pulling the stock $SPARK_IMAGE"
docker build -f "$ROOT/deploy/server.Dockerfile" -t "$SERVER_IMAGE" "$ROOT"
docker image inspect "$SPARK_IMAGE" >/dev/null 2>&1 || docker pull "$SPARK_IMAGE"

echo "== loading the images into the node; preparing $HOST_DIR (owned by UID 1654, the server's and Spark's user)"
node_sh() {
  if [[ "$TOOL" == kind ]]; then docker exec "$CLUSTER-control-plane" sh -c "$1"
  else minikube -p "$CLUSTER" ssh -- "sudo sh -c '$1'"; fi
}
if [[ "$TOOL" == kind ]]; then
  kind load docker-image --name "$CLUSTER" "$SERVER_IMAGE" "$SPARK_IMAGE"
else
  minikube -p "$CLUSTER" image load "$SERVER_IMAGE"
  minikube -p "$CLUSTER" image load "$SPARK_IMAGE"
fi
node_sh "mkdir -p $HOST_DIR && chown 1654:185 $HOST_DIR && chmod 2775 $HOST_DIR"

echo "== applying deploy/ with the hostPath ReadWriteMany volume and the small-cluster sizes (deploy/kind/)"
kubectl kustomize "$ROOT/deploy" >"$WORK/base.yaml"
cp "$ROOT/deploy/kind/data-pv.yaml" "$ROOT/deploy/kind/pvc-hostpath-patch.yaml" "$ROOT/deploy/kind/small-cluster-patch.yaml" "$WORK/"
cat >"$WORK/kustomization.yaml" <<'KUSTOMIZATION'
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - base.yaml
  - data-pv.yaml
patches:
  - path: pvc-hostpath-patch.yaml
    target:
      kind: PersistentVolumeClaim
      name: covid-data
  - path: small-cluster-patch.yaml
KUSTOMIZATION
kubectl apply -k "$WORK"

dotnet build "$ROOT/Covid.Client/Cli/Covid.Cli.csproj" -c Release -v quiet -nologo -clp:NoSummary
covid() { dotnet "$ROOT/Covid.Client/Cli/bin/Release/net10.0/covid.dll" "$@"; }

# The server needs credentials: one admin key for this script, made here and kept only as its hash.
KEY_AND_HASH=$(covid admin hash-key 2>/dev/null)
export COVID_API_KEY=$(sed -n 's/^key:  //p' <<<"$KEY_AND_HASH")
kubectl -n "$NAMESPACE" create secret generic covid-auth --dry-run=client -o yaml \
  --from-literal=Auth__ApiKeys__0__Principal=kind-admin \
  --from-literal=Auth__ApiKeys__0__Role=admin \
  --from-literal=Auth__ApiKeys__0__Hash="$(sed -n 's/^hash: //p' <<<"$KEY_AND_HASH")" | kubectl apply -f -
# A re-run with a new image under the same tag: restart so the node's new image is used.
kubectl -n "$NAMESPACE" rollout restart deployment/covid-server >/dev/null
echo "== waiting for the server (grpc health SERVING)"
kubectl -n "$NAMESPACE" rollout status deployment/covid-server --timeout=600s

PORT=$((20000 + RANDOM % 40000))
kubectl -n "$NAMESPACE" port-forward svc/covid-server "$PORT:5000" >"$OUT/port-forward.log" 2>&1 &
FORWARD_PID=$!
export COVID_SERVER="http://127.0.0.1:$PORT"
deadline=$((SECONDS + 60))
until covid datasets list >/dev/null 2>"$WORK/list.err"; do
  if ! kill -0 "$FORWARD_PID" 2>/dev/null || (( SECONDS >= deadline )); then
    echo "kind.sh: the server did not answer through the port-forward:" >&2
    cat "$WORK/list.err" "$OUT/port-forward.log" >&2; exit 1
  fi
  sleep 1
done

if [[ -n "$DATA" ]]; then
  echo "== uploading $DATA as cdc-cases-deaths-by-state (real CDC export)"
  covid datasets upload "$DATA" --name cdc-cases-deaths-by-state --schema cdc-cases-deaths-by-state --replace
else
  echo "== no CDC export found: THE NUMBERS BELOW ARE SYNTHETIC (the server's generated sample)"
fi
covid datasets list

# The example spec with engine SPARK (the examples say EMBEDDED).
name="$(basename "$SPEC" .json)"
if grep -q '"engine"' "$SPEC"; then
  sed -E 's/"engine"[[:space:]]*:[[:space:]]*"[A-Z_]+"/"engine": "SPARK"/' "$SPEC" >"$WORK/$name.json"
else
  sed -E '$ s/}[[:space:]]*$/, "engine": "SPARK"}/' "$SPEC" >"$WORK/$name.json"
fi
echo "== running $name on Spark (watch the pods: kubectl -n $NAMESPACE get pods -w)"
status=0
covid run "$WORK/$name.json" --plot "$OUT/$name.png" --output table --request-id "kind-$name-$(date +%s)" || status=$?
echo "== pods"
kubectl -n "$NAMESPACE" get pods -o wide
if (( status != 0 )); then
  echo "kind.sh: the Spark analysis failed (exit $status); server log:" >&2
  kubectl -n "$NAMESPACE" logs deployment/covid-server --tail=60 >&2 || true
  echo "kind.sh: the namespace's latest events (unschedulable pods, failed mounts, refused executors):" >&2
  kubectl -n "$NAMESPACE" get events --sort-by=.lastTimestamp 2>/dev/null | tail -n 20 >&2 || true
  exit "$status"
fi
echo "== done: chart in $OUT/$name.png; the cluster '$CLUSTER' is left running ($TOOL delete cluster --name $CLUSTER / minikube delete -p $CLUSTER)"
