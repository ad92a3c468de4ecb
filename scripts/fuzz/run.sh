#!/usr/bin/env bash
# API fuzzing from the OpenAPI document, as an outside integrator would: Schemathesis generates
# requests (valid and invalid) for every operation of /api/v1/openapi.json and checks that no
# response is a server error and that every response conforms to the documented schema.
# Runs against a throw-away portal with the demo data (SQLite under /tmp, DEBUG off).
# Usage: scripts/fuzz/run.sh  (FUZZ_PORT, FUZZ_EXAMPLES and FUZZ_SEED change the defaults)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
PORT="${FUZZ_PORT:-8178}"
EXAMPLES="${FUZZ_EXAMPLES:-60}"
SCHEMATHESIS_VERSION="4.32.5"
FUZZ_VENV="$ROOT/.venv-fuzz"

log() { printf '[fuzz] %s\n' "$*" >&2; }

[ -x "$PY" ] || make install >&2
# Schemathesis lives in its own environment: its pins (hypothesis, pytest plugins) must not
# change the platform's. It runs on Python 3.12+ when the machine has one: CPython 3.11.7's
# ast.parse is not thread-safe ("AST constructor recursion depth mismatch" inside Hypothesis
# with --workers 2, seen in CI).
fuzz_python() {
  local candidate
  for candidate in python3.13 python3.12 "$HOME"/.pyenv/versions/3.1[23]*/bin/python3; do
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      printf '%s\n' "$candidate"
      return
    fi
  done
  printf 'python3\n'
}
FUZZ_PYTHON="$(fuzz_python)"
FUZZ_PYTHON_VERSION="$("$FUZZ_PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
if ! "$FUZZ_VENV/bin/st" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION" \
  || ! "$FUZZ_VENV/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null \
    | grep -qx "$FUZZ_PYTHON_VERSION"; then
  log "installing Schemathesis $SCHEMATHESIS_VERSION into .venv-fuzz (Python $FUZZ_PYTHON_VERSION)"
  rm -rf "$FUZZ_VENV"
  "$FUZZ_PYTHON" -m venv "$FUZZ_VENV"
  "$FUZZ_VENV/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
fi

# shellcheck source=../lib/throwaway-portal.sh
. "$ROOT/scripts/lib/throwaway-portal.sh"
export DEBUG=false
# Many generated calls with one token: lift the per-token pace of the requests API.
export SERVICE_REQUESTS_API_RATE=1000000
export SCHEDULING_API_RATE=1000000
export OMBUDSMAN_API_RATE=1000000
portal_start "$PORT" fuzz
# The requests API needs an MT Login token: one for the demo citizen at level prata.
TOKEN="$("$PY" scripts/fuzz/mint_token.py)"

status=0
# positive_data_acceptance is left out on purpose: a well-formed but unknown filter value
# (for example orgao=zzz) is answered 400 "Órgão inexistente", which is the documented behaviour.
# Run from the throw-away folder: Schemathesis keeps its working files in the current directory.
# Requests may wait 30 s (default 10): in CI the portal shares two cores with the browser scan's
# leftovers and other jobs, and two trivial 404s once took more than 10 s there (the same seed
# passed on a quieter machine). Latency is what benchmarks/ measure; this run checks answers.
(cd "$WORK" && "$FUZZ_VENV/bin/st" run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --checks all --exclude-checks positive_data_acceptance --request-timeout 30 \
  --max-examples "$EXAMPLES" --workers 2 --generation-allow-x00 true \
  --generation-database none ${FUZZ_SEED:+--seed "$FUZZ_SEED"} \
  --header "Authorization: Bearer $TOKEN" \
  --report-dir "$WORK/report") || status=$?
if grep -q "Traceback" "$WORK/server.log"; then
  log "the server logged an exception:"
  grep -B2 -A30 "Traceback" "$WORK/server.log" | head -80 >&2
  status=1
fi
exit "$status"
