#!/usr/bin/env bash
# Stemmen against Taguette 1.5.2 and aqda 0.5.0 in one run of the shared peer harness.
#
#   bash bench/run_peers.sh                     # 50 transcripts, 5,000 segments, 3 runs each
#   DOCS=5 SEGMENTS=200 REPEAT=1 bash bench/run_peers.sh
#   INTERLEAVE=3 ADAPTERS="aqda peer_adapter_http:StemmenHttpAdapter" bash bench/run_peers.sh
#
# INTERLEAVE=N runs the harness N times with one run of each tool (aqda, Stemmen, aqda,
# Stemmen...) instead of REPEAT runs of one tool after the other, so that a load that comes
# and goes on the machine falls on both alike; results go to $OUT with .1, .2... before .json,
# and peer_table.py pools the runs of each tool.
#
# Installs each peer in its own virtual environment under $PEERS_DIR (default
# /tmp/stemmen-peers; made once, reused), then runs ../shared/peer-bench/run.py (or $PEER_BENCH)
# with Stemmen's adapters (HTTP to `stemmen serve`; the in-process Python API, per call and in a batch) and both
# peers, and prints the harness's table plus Stemmen's ratio to each peer. The harness is not
# copied into this repository. Results go to $OUT (default /tmp/stemmen-peers/results.json).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEER_BENCH="${PEER_BENCH:-$ROOT/../shared/peer-bench}"
PEERS_DIR="${PEERS_DIR:-/tmp/stemmen-peers}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON="$ROOT/.ci-venv/bin/python"
DOCS="${DOCS:-50}"
SEGMENTS="${SEGMENTS:-5000}"
REPEAT="${REPEAT:-3}"
INNER="${INNER:-3}"
OUT="${OUT:-$PEERS_DIR/results.json}"
ADAPTERS="${ADAPTERS:-taguette aqda peer_adapter_http:StemmenHttpAdapter peer_adapter_api:StemmenApiAdapter peer_adapter_api:StemmenApiBatchAdapter}"

if [ ! -f "$PEER_BENCH/run.py" ]; then
  echo "No peer harness at $PEER_BENCH (set PEER_BENCH)." >&2
  exit 2
fi

install_peer() {  # name, pip requirement
  local venv="$PEERS_DIR/$1-venv"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -m pip show "$1" >/dev/null 2>&1; then
    echo "Installing $2 in $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "$2"
  fi
}

mkdir -p "$PEERS_DIR"
case " $ADAPTERS " in *" taguette "*) install_peer taguette taguette==1.5.2 ;; esac
case " $ADAPTERS " in *" aqda "*) install_peer aqda aqda==0.5.0 ;; esac

args=()
for adapter in $ADAPTERS; do args+=(--adapter "$adapter"); done
WORK="$PEERS_DIR/work"

run_harness() {  # JSON file, repeat
  rm -rf "$WORK"
  PYTHONPATH="$ROOT/bench${PYTHONPATH:+:$PYTHONPATH}" \
    TAGUETTE_PYTHON="$PEERS_DIR/taguette-venv/bin/python" \
    AQDA_PYTHON="$PEERS_DIR/aqda-venv/bin/python" \
    "$PYTHON" "$PEER_BENCH/run.py" "${args[@]}" --docs "$DOCS" --segments "$SEGMENTS" \
    --repeat "$2" --inner "$INNER" --workdir "$WORK" --json "$1"
  local code=$?
  rm -rf "$WORK"
  return $code
}

cd "$ROOT"
set +e
status=0
if [ -n "${INTERLEAVE:-}" ]; then  # rounds of one run per tool; the table pools the rounds
  outs=()
  for round in $(seq "$INTERLEAVE"); do
    run_harness "${OUT%.json}.$round.json" 1 || status=1
    outs+=("${OUT%.json}.$round.json")
  done
  set -e
  "$PYTHON" "$ROOT/bench/peer_table.py" "${outs[@]}"
else
  run_harness "$OUT" "$REPEAT" || status=1
  set -e
  "$PYTHON" "$ROOT/bench/peer_table.py" "$OUT"
fi
exit $status
